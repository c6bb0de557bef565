# Português (Brasil). As mensagens: en.ftl.

mentor-letters = { $count ->
    [0] 0 cartas de mentores
    [one] 1 carta de um mentor
   *[other] { $count } cartas de mentores
}
peer-letters = { $count ->
    [0] 0 cartas de pares
    [one] 1 carta de um par
   *[other] { $count } cartas de pares
}
and = e
need-mentors = { $count ->
    [one] 1 carta de um mentor
   *[other] { $count } cartas de { $count } mentores diferentes
}
need-others = { $count ->
    [one] mais 1 carta de alguém que ainda não endossou você (um mentor ou um par)
   *[other] mais { $count } cartas de mais { $count } pessoas (mentores ou pares)
}
check-complete = Completo: cartas de { $people } pessoas diferentes, { $have }, e cada autor confirmado por uma equipe em que você confia.
check-unconfirmed = Não confirmado: suas cartas cumpririam a regra apenas pela palavra de seus autores; nenhuma equipe em que você confia confirma autores suficientes como seu co-mentor ou como participante (confirmadas: { $have }). Peça à equipe que organiza sua turma para confirmar seus autores, e confie nessa equipe (--trust DID).
check-holder-not-proven = Incompleto: a prova do titular não é válida.
check-not-complete = Incompleto: você tem { $have }; ainda falta { $missing }.
check-cannot-tell = Ainda não é possível saber: algumas das suas cartas não puderam ser totalmente verificadas (tente mais tarde); se forem válidas, suas cartas estão completas. Confirmadas até agora: { $have }.
check-no-team = nota: você não confia em nenhuma equipe (--trust DID ou OM_TRUST), então nenhuma carta pode contar
check-still-needed = ainda falta: { $what }

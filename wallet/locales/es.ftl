# Español. Los mensajes: en.ftl.

mentor-letters = { $count ->
    [one] 1 carta de un mentor
   *[other] { $count } cartas de mentores
}
peer-letters = { $count ->
    [one] 1 carta de un par
   *[other] { $count } cartas de pares
}
and = y
need-mentors = { $count ->
    [one] 1 carta de un mentor
   *[other] { $count } cartas de { $count } mentores distintos
}
need-others = { $count ->
    [one] 1 carta más de alguien que aún no te haya respaldado (un mentor o un par)
   *[other] { $count } cartas más de { $count } personas más (mentores o pares)
}
check-complete = Completo: cartas de { $people } personas distintas, { $have }, y cada autor confirmado por un equipo en el que confías.
check-unconfirmed = Sin confirmar: tus cartas cumplirían la regla solo según la palabra de sus autores; ningún equipo en el que confías confirma a suficientes autores como tu co-mentor o como participante (confirmadas: { $have }). Pide al equipo que organiza tu cohorte que confirme a tus autores, y confía en ese equipo (--trust DID).
check-holder-not-proven = Incompleto: la prueba del titular no es válida.
check-not-complete = Incompleto: tienes { $have }; aún te falta { $missing }.
check-cannot-tell = Aún no se puede saber: algunas de tus cartas no se pudieron comprobar del todo (inténtalo más tarde); si son válidas, tus cartas están completas. Confirmadas hasta ahora: { $have }.
check-no-team = nota: no confías en ningún equipo (--trust DID u OM_TRUST), así que ninguna carta puede contar
check-still-needed = aún falta: { $what }

# Português (Brasil). As mensagens: en.ftl.

language-name = Português (Brasil)
language-switch = Idioma

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
need-mentors = { $count ->
    [one] 1 carta de um mentor
   *[other] { $count } cartas de { $count } mentores diferentes
}
need-others = { $count ->
    [one] mais 1 carta de alguém que ainda não endossou a pessoa (um mentor ou um par)
   *[other] mais { $count } cartas de mais { $count } pessoas (mentores ou pares)
}

rule-complete = Completo: cartas de { $people } pessoas diferentes, { $have }, e cada autor confirmado por uma equipe em que este verificador confia.
rule-unconfirmed = Não confirmado: as cartas cumpririam a regra apenas pela palavra de seus autores; nenhuma equipe em que este verificador confia confirma autores suficientes como co-mentor ou participante (confirmadas: { $have }).
rule-holder-not-proven = Incompleto: a assinatura da própria apresentação (a prova do titular) não é válida, então nada mostra que estas cartas pertencem a quem as apresenta.
rule-not-complete = Incompleto: as cartas mostradas incluem { $have }; ainda falta: { $missing }.
rule-cannot-tell = Ainda não é possível saber: algumas cartas não puderam ser totalmente verificadas; se forem válidas, o conjunto está completo. Confirmadas até agora: { $have }.
rule-and = e

headline-complete = Completo: { $name } concluiu o Open Masters, conforme confirmado por { $teams }
lead-complete = Verificado: a assinatura, as datas e o status de revogação de cada carta, a assinatura de { $name } nesta apresentação e quem confirma cada autor:
headline-valid = Válido: as credenciais que { $name } compartilhou são válidas
lead-valid = Todas as credenciais e a assinatura do titular foram verificadas; a regra do Open Masters não foi aplicada.
headline-unsigned = Não foi provado que sejam de { $name }: estas cartas foram enviadas sem assinatura
lead-unsigned = As verificações de cada carta estão abaixo. Mas a apresentação não está assinada, então nada mostra que as cartas pertencem a quem as enviou, e um conjunto sem assinatura nunca é certificado aqui. Para obter essa prova, peça as cartas a { $name } em “Pedir as cartas a um participante” neste site: a carteira da pessoa assina a resposta só para o seu pedido.
headline-unconfirmed = Não confirmado: nenhuma equipe em que este verificador confia confirma as cartas de { $name }
lead-unconfirmed = Todas as assinaturas podem ser autênticas, mas qualquer pessoa pode criar chaves e se dizer mentor: só a equipe que organiza uma turma pode confirmar quem é um autor, e nenhuma equipe em que este verificador confia confirma autores suficientes. Por quê:
headline-not-complete = Incompleto: { $name } não mostrou um Open Masters concluído
lead-why = Por quê:
headline-undetermined = Não foi possível verificar tudo
lead-undetermined = As cartas que { $name } compartilhou podem estar completas, mas algumas verificações não puderam ser feitas, então isto NÃO está confirmado. Tente mais tarde.
the-holder = O titular
letters-heading = Cartas de recomendação ({ $count })
checked-on = Verificado em { $date }.

card-letter-from = Carta de { $name }
card-badge-from = Selo de { $name }
card-credential-from = Credencial de { $name }
card-holds = Esta carta é válida: passou em todas as verificações.
card-fails = Esta carta não é válida: { $reason }.
card-unsure = Esta carta não pôde ser totalmente verificada: { $reason }.
card-fails-plain = Esta carta não é válida.
card-checks = Verificações desta carta
label-endorser = Autor
label-role = Papel
label-about = Sobre
label-achievement = Conquista
label-date = Data
label-valid-until = Válida até
label-did = DID
role-mentor = mentor
role-peer = par
role-none = não informado
confirmed-co-mentor = { $writer } é co-mentor de { $holder }, conforme confirmado por { $team }, até { $until }
confirmed-participant = { $writer } é participante, conforme confirmado por { $team }, até { $until }
date = { $day } de { $month } de { $year }
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro

conf-own-word = O nome e o papel são o que o próprio autor declara.
conf-confirmed = Confirmado: { $team } ({ $did }), uma equipe em que este verificador confia, confirma o autor como { $role }, até { $until }.
conf-role-co-mentor = co-mentor do participante
conf-role-participant = participante
conf-pending = Confirmação ainda não verificada: { $reason } ({ $path }).
conf-untrusted = Não confirmado por uma equipe de confiança: traz uma confirmação assinada por { $teams }, uma equipe em que este verificador não confia. { conf-own-word }
conf-refused = Não confirmado por uma equipe de confiança: { $reason } ({ $path }). { conf-own-word }
conf-none = Não confirmado por uma equipe de confiança: a carta não traz nenhuma confirmação de equipe. { conf-own-word }
conf-a-team = uma equipe

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

rule-complete = Completo: { $details }
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

card-letter-from = Carta de { $name }
card-badge-from = Selo de { $name }
card-credential-from = Credencial de { $name }
card-holds = Esta carta é válida: passou em todas as verificações.
card-fails = Esta carta não é válida:
card-unsure = Não foi possível verificar esta carta por completo:
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

rule-complete-details = cartas de { $people } pessoas diferentes, { $have }, e cada autor confirmado por uma equipe em que este verificador confia.

# Site
site-name = Open Masters · verificador de cartas
site-footer = Verificador do Open Masters Credentials. As cartas são credenciais verificáveis do W3C; este serviço verifica suas assinaturas, datas e status de revogação.
check-title = Verificação do Open Masters
home-title = Verificar cartas do Open Masters
home-lead = Os participantes do Open Masters reúnem cartas de recomendação assinadas por mentores e pares. Se você recebeu um link ou um código QR, basta abri-lo. Também é possível verificar aqui uma carta ou um arquivo de apresentação.
home-ask-link = Pedir as cartas a um participante
home-ask-after = ele responde pela carteira, só para esse pedido.
form-file = Enviar um arquivo (.json)
form-paste = …ou cole aqui (ou um link público do Learner Credential Wallet)
form-check = Verificar
check-another = Verificar outro arquivo
error-form = Não foi possível ler este formulário
error-nothing = Nada para verificar
error-nothing-detail = Escolha um arquivo ou cole uma credencial ou uma apresentação.
error-link = Este link não pode ser verificado
error-not-json = Isto não é um arquivo de credencial
error-document = Este documento não pode ser verificado
error-share = Este compartilhamento não pode ser verificado
error-busy = Não foi possível verificar agora
share-gone-title = Link expirado ou retirado
share-gone-heading = Este link expirou ou foi retirado
share-gone-lead = O participante pode tê-lo retirado, ou ele passou do seu tempo de vida. Peça um link novo.
inline-checking = Verificando as cartas…
inline-noscript-title = Este link precisa de JavaScript
inline-noscript-text = As cartas estão dentro do próprio link e são lidas por um pequeno script desta página. Ative o JavaScript, ou peça ao participante o arquivo de apresentação e verifique-o abaixo.
inline-none-title = Nenhuma apresentação neste link
inline-none-text = O link está incompleto. Peça ao participante que o compartilhe de novo.
inline-failed-title = Não foi possível verificar este link
inline-failed-text = Não foi possível verificar as cartas.
inline-offline-title = Não foi possível contatar o verificador
inline-offline-text = Verifique sua conexão e recarregue a página.
print-button = Imprimir ou salvar como PDF
print-heading = Verificar estas cartas de novo
print-note = Esta impressão não prova nada por si só. Escaneie o código QR ou abra o link: as assinaturas das cartas, a prova do participante e as confirmações do programa são verificadas de novo, como estão agora.

# O relatório
reason-presentation = A apresentação
reason-letter = Carta de { $name }
reason-rule = Regra do Open Masters: { $statement }
unsigned-own-checks = Pelas verificações das próprias cartas: { $statement }
unsigned-would-complete = se fosse provado que são de { $name }, estariam completas: { $details }
single-valid = Válida: esta carta de { $name } é válida
single-invalid = Não válida: esta carta de { $name } não é válida
single-lead = Esta é uma única carta. O Open Masters exige cartas de várias pessoas; peça ao participante o link de compartilhamento para ver o conjunto completo.
unreadable-document = um documento ilegível
no-letters = A apresentação não contém cartas.
presentation-heading = A apresentação
shared-by = Compartilhada por { $name }, cujo identificador é
teams-none = Este verificador não confia em nenhuma equipe para confirmar quem são os autores, então aqui nenhuma carta conta para o Open Masters.
teams-trusted = Equipes em que este verificador confia para confirmar co-mentores e participantes:
not-counted = Cartas que não contam para a regra do Open Masters:
ignored-not-verified = não passou em todas as verificações
ignored-about-someone-else = é sobre outra pessoa, não o titular
ignored-self-issued = é autoemitida: ninguém pode recomendar a si mesmo
ignored-same-endorser = outra carta do mesmo autor já conta
ignored-not-confirmed = não confirmada por uma equipe de confiança: nenhuma equipe de confiança confirma seu autor como co-mentor ou participante
ignored-other = não conta
checked-at = Verificado em { $date }, às { $time } UTC.
check-format = Formato
check-signature = Assinatura
check-signer = Signatário
check-dates = Datas
check-revocation = Revogação
check-holder = Titular
check-endorsement = Endosso
check-rule = Regra do Open Masters
outcome-passed = aprovada
outcome-failed = reprovada
outcome-unknown = não pôde ser verificada
outcome-skipped = não se aplica

# Pedir as cartas a um participante (/ask)
ask-title = Pedir cartas do Open Masters
ask-heading = Pedir as cartas a um participante
ask-lead = Você recebe um código QR para mostrar ao participante. Ele o escaneia com a carteira (a carteira do Open Masters ou o Learner Credential Wallet) e escolhe compartilhar suas cartas. Esta página mostra então quem o recomendou, em que papel, e se a regra do Open Masters é cumprida.
ask-button = Pedir as cartas
ask-again = Pedir de novo
ask-why-not-links = Por que não um link de compartilhamento? Um link ou um arquivo de apresentação mostra as mesmas cartas a qualquer pessoa que o tenha, então pode ser repassado ou reutilizado. A resposta a este pedido é assinada pelo participante só para ele (o desafio e o nome deste site); a mesma resposta enviada de novo, ou a outro pedido, é recusada.
ask-expired-title = Pedido expirado
ask-expired-heading = Este pedido expirou
ask-expired-lead = Um pedido espera uma resposta por { $minutes } minutos. Comece um novo.
ask-waiting-title = Aguardando o participante
ask-waiting-heading = Mostre isto ao participante
ask-waiting-lead = Ele o escaneia com a carteira e compartilha suas cartas do Open Masters. Esta página se atualiza sozinha.
ask-waiting-status = Aguardando uma resposta…
ask-refused-so-far = { $count ->
    [0] Nenhuma resposta foi recusada até agora
    [one] 1 resposta foi recusada até agora
   *[other] { $count } respostas foram recusadas até agora
}: não assinadas por uma carteira para este pedido e este site (lixo, a repetição de uma resposta anterior ou uma feita para outro site). Elas não esgotam o pedido; depois de { $max }, ele é fechado.
ask-noscript = Sem JavaScript esta página não se atualiza sozinha: recarregue-a depois que o participante responder.
ask-on-a-computer = Usa a carteira do Open Masters em um computador?
ask-run = Execute:
ask-answer-title = A resposta do participante
ask-closed-heading = Este pedido foi fechado
ask-closed-lead = Respostas demais foram recusadas: nenhuma estava assinada por uma carteira para este pedido. Nada foi aceito; peça de novo e mostre o novo código QR somente ao participante.
ask-refused-heading = Esta resposta foi recusada
ask-replayed-lead = Ela foi assinada para outro pedido, não para este: é a cópia de uma resposta anterior (uma repetição), então não prova nada sobre quem a envia agora.
ask-refused-lead = A assinatura da carteira na resposta não é válida, então nada nela é confiável.

# Links abertos em um navegador e não em uma carteira
link-expired-title = Link expirado
link-expired-heading = Este link expirou ou já foi usado
link-expired-lead = Cada link funciona uma vez e por tempo limitado. Peça um novo.
delivery-heading = Uma carta de recomendação espera por você
delivery-lead = Abra este link com sua carteira para recebê-la. Sua carteira prova que você é a pessoa de quem a carta trata; ninguém mais pode recebê-la.
check-heading = Alguém pede para ver suas cartas
check-lead = Abra este link com sua carteira para escolher se compartilha suas cartas do Open Masters.
wallet-on-a-computer = Com a carteira do Open Masters em um computador, execute:

# O pedido de uma carta por um participante (/request)
request-title = Um pedido de carta de recomendação
request-heading = Um participante pede uma carta a você
request-lead = Este link contém o pedido de carta de recomendação de um participante do Open Masters: seu DID, seu nome, o papel em que pede que você escreva e onde a carta é entregue, assinado com sua chave. Nada disso foi enviado a este site.
request-how = Escreva e assine a carta com a ferramenta de emissão do Open Masters; ela verifica antes a assinatura e a validade do pedido:
request-whole-link = este link inteiro

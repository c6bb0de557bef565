# Español. Los mensajes: en.ftl.

language-name = Español
language-switch = Idioma

mentor-letters = { $count ->
    [one] 1 carta de un mentor
   *[other] { $count } cartas de mentores
}
peer-letters = { $count ->
    [one] 1 carta de un par
   *[other] { $count } cartas de pares
}
need-mentors = { $count ->
    [one] 1 carta de un mentor
   *[other] { $count } cartas de { $count } mentores distintos
}
need-others = { $count ->
    [one] 1 carta más de alguien que aún no le haya respaldado (un mentor o un par)
   *[other] { $count } cartas más de { $count } personas más (mentores o pares)
}

rule-complete = Completo: { $details }
rule-unconfirmed = Sin confirmar: las cartas cumplirían la regla solo según la palabra de sus autores; ningún equipo en el que este verificador confía confirma a suficientes autores como co-mentor o participante (confirmadas: { $have }).
rule-holder-not-proven = Incompleto: la firma de la propia presentación (la prueba del titular) no es válida, así que nada muestra que estas cartas pertenezcan a quien las presenta.
rule-not-complete = Incompleto: las cartas mostradas incluyen { $have }; aún falta: { $missing }.
rule-cannot-tell = Aún no se puede saber: algunas cartas no se pudieron comprobar del todo; si son válidas, el conjunto está completo. Confirmadas hasta ahora: { $have }.
rule-and = y

headline-complete = Completo: { $name } ha completado el Open Masters, según confirma { $teams }
lead-complete = Se comprobó: la firma, las fechas y el estado de revocación de cada carta, la firma de { $name } en esta presentación y quién confirma a cada autor:
headline-valid = Válido: las credenciales que compartió { $name } son válidas
lead-valid = Se comprobaron todas las credenciales y la firma del titular; no se aplicó la regla del Open Masters.
headline-unsigned = No se ha probado que sean de { $name }: estas cartas se enviaron sin firma
lead-unsigned = Abajo están las comprobaciones de cada carta. Pero la presentación no está firmada, así que nada muestra que las cartas pertenezcan a quien las envió, y aquí nunca se certifica un conjunto sin firma. Para obtener esa prueba, pida a { $name } sus cartas con «Pedir las cartas a un participante» en este sitio: su monedero firma la respuesta solo para su solicitud.
headline-unconfirmed = Sin confirmar: ningún equipo en el que este verificador confía confirma las cartas de { $name }
lead-unconfirmed = Puede que todas las firmas sean auténticas, pero cualquiera puede crear claves y llamarse mentor: solo el equipo que organiza una cohorte puede confirmar quién es un autor, y ningún equipo en el que este verificador confía confirma a suficientes de estos autores. Por qué:
headline-not-complete = Incompleto: { $name } no ha mostrado un Open Masters completo
lead-why = Por qué:
headline-undetermined = No se pudo comprobar del todo
lead-undetermined = Puede que las cartas que compartió { $name } estén completas, pero algunas comprobaciones no se pudieron hacer, así que esto NO está confirmado. Inténtelo más tarde.
the-holder = El titular
letters-heading = Cartas de recomendación ({ $count })

card-letter-from = Carta de { $name }
card-badge-from = Insignia de { $name }
card-credential-from = Credencial de { $name }
card-holds = Esta carta es válida: pasó todas las comprobaciones.
card-fails = Esta carta no es válida:
card-unsure = Esta carta no se pudo comprobar del todo:
card-fails-plain = Esta carta no es válida.
card-checks = Comprobaciones de esta carta
label-endorser = Autor
label-role = Papel
label-about = Sobre
label-achievement = Logro
label-date = Fecha
label-valid-until = Válida hasta
label-did = DID
role-mentor = mentor
role-peer = par
role-none = no indicado
confirmed-co-mentor = { $writer } es co-mentor de { $holder }, según confirma { $team }, hasta { $until }
confirmed-participant = { $writer } es participante, según confirma { $team }, hasta { $until }
date = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

conf-own-word = El nombre y el papel son lo que declara el propio autor.
conf-confirmed = Confirmado: { $team } ({ $did }), un equipo en el que este verificador confía, confirma al autor como { $role }, hasta { $until }.
conf-role-co-mentor = co-mentor del participante
conf-role-participant = participante
conf-pending = Confirmación aún sin comprobar: { $reason } ({ $path }).
conf-untrusted = Sin confirmar por un equipo de confianza: lleva una confirmación firmada por { $teams }, un equipo en el que este verificador no confía. { conf-own-word }
conf-refused = Sin confirmar por un equipo de confianza: { $reason } ({ $path }). { conf-own-word }
conf-none = Sin confirmar por un equipo de confianza: la carta no lleva ninguna confirmación de un equipo. { conf-own-word }
conf-a-team = un equipo

rule-complete-details = cartas de { $people } personas distintas, { $have }, y cada autor confirmado por un equipo en el que este verificador confía.

# Sitio
site-name = Open Masters · verificador de cartas
site-footer = Verificador de Open Masters Credentials. Las cartas son credenciales verificables del W3C; este servicio comprueba sus firmas, sus fechas y su estado de revocación.
check-title = Comprobación de Open Masters
home-title = Comprobar cartas de Open Masters
home-lead = Los participantes del Open Masters reúnen cartas de recomendación firmadas por mentores y pares. Si recibió un enlace o un código QR, simplemente ábralo. También puede comprobar aquí una carta o un archivo de presentación.
home-ask-link = Pedir las cartas a un participante
home-ask-after = responde desde su monedero, solo para esa solicitud.
form-file = Subir un archivo (.json)
form-paste = …o péguelo aquí (o un enlace público del Learner Credential Wallet)
form-check = Comprobar
check-another = Comprobar otro archivo
error-form = No se pudo leer este formulario
error-nothing = No hay nada que comprobar
error-nothing-detail = Elija un archivo o pegue una credencial o una presentación.
error-link = Este enlace no se puede comprobar
error-not-json = Esto no es un archivo de credencial
error-document = Este documento no se puede comprobar
error-share = Esto que se compartió no se puede comprobar
error-busy = No se pudo comprobar ahora
share-gone-title = Enlace caducado o retirado
share-gone-heading = Este enlace ha caducado o fue retirado
share-gone-lead = Puede que el participante lo haya retirado, o que haya superado su tiempo de vida. Pídale un enlace nuevo.
inline-checking = Comprobando las cartas…
inline-noscript-title = Este enlace necesita JavaScript
inline-noscript-text = Las cartas están dentro del propio enlace y las lee un pequeño script de esta página. Active JavaScript, o pida al participante el archivo de presentación y compruébelo abajo.
inline-none-title = Este enlace no contiene ninguna presentación
inline-none-text = El enlace está incompleto. Pida al participante que lo comparta de nuevo.
inline-failed-title = No se pudo comprobar este enlace
inline-failed-text = No se pudieron comprobar las cartas.
inline-offline-title = No se pudo contactar con el verificador
inline-offline-text = Revise su conexión y vuelva a cargar la página.
print-button = Imprimir o guardar como PDF
print-heading = Volver a comprobar estas cartas
print-note = Esta copia impresa no prueba nada por sí sola. Escanee el código QR o abra el enlace: las firmas de las cartas, la prueba del participante y las confirmaciones del programa se comprueban de nuevo, tal como están ahora.

# El informe
reason-presentation = La presentación
reason-letter = Carta de { $name }
reason-rule = Regla del Open Masters: { $statement }
unsigned-own-checks = Según las comprobaciones de las propias cartas: { $statement }
unsigned-would-complete = si se probara que son de { $name }, estarían completas: { $details }
single-valid = Válida: esta carta de { $name } es válida
single-invalid = No válida: esta carta de { $name } no es válida
single-lead = Esta es una sola carta. El Open Masters requiere cartas de varias personas; pida al participante su enlace para ver el conjunto completo.
unreadable-document = un documento ilegible
no-letters = La presentación no contiene cartas.
presentation-heading = La presentación
shared-by = Compartida por { $name }, cuyo identificador es
teams-none = Este verificador no confía en ningún equipo para confirmar quiénes son los autores, así que aquí ninguna carta cuenta para el Open Masters.
teams-trusted = Equipos en los que este verificador confía para confirmar a co-mentores y participantes:
not-counted = Cartas que no cuentan para la regla del Open Masters:
ignored-not-verified = no superó todas las comprobaciones
ignored-about-someone-else = trata de otra persona, no del titular
ignored-self-issued = es autoemitida: nadie puede recomendarse a sí mismo
ignored-same-endorser = ya cuenta otra carta del mismo autor
ignored-not-confirmed = sin confirmar por un equipo de confianza: ningún equipo de confianza confirma a su autor como co-mentor o participante
ignored-other = no cuenta
checked-at = Comprobado el { $date }, a las { $time } UTC.
check-format = Formato
check-signature = Firma
check-signer = Firmante
check-dates = Fechas
check-revocation = Revocación
check-holder = Titular
check-endorsement = Respaldo
check-rule = Regla del Open Masters
outcome-passed = superada
outcome-failed = fallida
outcome-unknown = no se pudo comprobar
outcome-skipped = no aplicable

# Pedir las cartas a un participante (/ask)
ask-title = Pedir cartas de Open Masters
ask-heading = Pedir las cartas a un participante
ask-lead = Obtendrá un código QR para mostrar al participante. Lo escanea con su monedero (el monedero de Open Masters o el Learner Credential Wallet) y elige compartir sus cartas. Esta página muestra entonces quién lo recomendó, en qué papel, y si se cumple la regla del Open Masters.
ask-button = Pedir las cartas
ask-again = Volver a pedir
ask-why-not-links = ¿Por qué no un enlace para compartir? Un enlace o un archivo de presentación muestra las mismas cartas a cualquiera que lo tenga, así que se puede reenviar o reutilizar. La respuesta a esta solicitud la firma el participante solo para ella (su desafío y el nombre de este sitio); la misma respuesta enviada otra vez, o a otra solicitud, se rechaza.
ask-expired-title = Solicitud caducada
ask-expired-heading = Esta solicitud ha caducado
ask-expired-lead = Una solicitud espera una respuesta durante { $minutes } minutos. Empiece una nueva.
ask-waiting-title = Esperando al participante
ask-waiting-heading = Muestre esto al participante
ask-waiting-lead = Lo escanea con su monedero y comparte sus cartas de Open Masters. Esta página se actualiza sola.
ask-waiting-status = Esperando una respuesta…
ask-refused-so-far = { $count ->
    [one] Hasta ahora se ha rechazado 1 respuesta
   *[other] Hasta ahora se han rechazado { $count } respuestas
}: no estaban firmadas por un monedero para esta solicitud y este sitio (basura, una repetición de una respuesta anterior o una hecha para otro sitio). No agotan la solicitud; tras { $max }, se cierra.
ask-noscript = Sin JavaScript esta página no puede actualizarse sola: vuelva a cargarla cuando el participante haya respondido.
ask-on-a-computer = ¿Usa el monedero de Open Masters en un ordenador?
ask-run = Ejecute:
ask-answer-title = La respuesta del participante
ask-closed-heading = Esta solicitud se cerró
ask-closed-lead = Se rechazaron demasiadas respuestas: ninguna estaba firmada por un monedero para esta solicitud. No se aceptó nada; vuelva a pedir y muestre el nuevo código QR solo al participante.
ask-refused-heading = Esta respuesta fue rechazada
ask-replayed-lead = Se firmó para otra solicitud, no para esta: es una copia de una respuesta anterior (una repetición), así que no prueba nada sobre quién la envía ahora.
ask-refused-lead = La firma del monedero en la respuesta no es válida, así que no se puede confiar en nada de su contenido.

# Enlaces abiertos en un navegador y no en un monedero
link-expired-title = Enlace caducado
link-expired-heading = Este enlace ha caducado o ya se usó
link-expired-lead = Cada enlace funciona una vez y durante un tiempo limitado. Pida uno nuevo.
delivery-heading = Le espera una carta de recomendación
delivery-lead = Abra este enlace con su monedero para recibirla. Su monedero prueba que usted es la persona de quien trata la carta; nadie más puede recibirla.
check-heading = Alguien pide ver sus cartas
check-lead = Abra este enlace con su monedero para elegir si comparte sus cartas de Open Masters.
wallet-on-a-computer = Con el monedero de Open Masters en un ordenador, ejecute:

# La solicitud de una carta por un participante (/request)
request-title = Una solicitud de carta de recomendación
request-heading = Un participante le pide una carta
request-lead = Este enlace contiene la solicitud de una carta de recomendación de un participante del Open Masters: su DID, su nombre, el papel en el que le pide que escriba y dónde se entrega la carta, firmada con su clave. Nada de ello se envió a este sitio.
request-how = Escriba y firme la carta con la herramienta de emisión de Open Masters; primero comprueba la firma y la caducidad de la solicitud:
request-whole-link = todo este enlace

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

rule-complete = Completo: cartas de { $people } personas distintas, { $have }, y cada autor confirmado por un equipo en el que este verificador confía.
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
checked-on = Comprobado el { $date }.

card-letter-from = Carta de { $name }
card-badge-from = Insignia de { $name }
card-credential-from = Credencial de { $name }
card-holds = Esta carta es válida: pasó todas las comprobaciones.
card-fails = Esta carta no es válida: { $reason }.
card-unsure = Esta carta no se pudo comprobar del todo: { $reason }.
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

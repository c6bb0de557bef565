# The employer's share page (verifier/src/pages.rs) and the programme rule in
# words (verifier/src/rule_text.rs). Every message here must exist in every
# language file (verifier/tests/i18n.rs).

language-name = English
language-switch = Language

mentor-letters = { $count ->
    [one] 1 mentor letter
   *[other] { $count } mentor letters
}
peer-letters = { $count ->
    [one] 1 peer letter
   *[other] { $count } peer letters
}
need-mentors = { $count ->
    [one] 1 letter from a mentor
   *[other] { $count } letters from { $count } different mentors
}
need-others = { $count ->
    [one] 1 more letter from someone who has not endorsed them yet (a mentor or a peer)
   *[other] { $count } more letters from { $count } more people (a mentor or a peer)
}

rule-complete = Complete: letters from { $people } different people, { $have }, each writer confirmed by a team this verifier trusts.
rule-unconfirmed = Not confirmed: the letters would meet the rule only on their writers' own word; no team this verifier trusts confirms enough of the writers as a co-mentor or a participant (confirmed: { $have }).
rule-holder-not-proven = Not complete: the presentation's own signature (the holder's proof) does not hold, so nothing shows that these letters belong to the person presenting them.
rule-not-complete = Not complete: the letters shown include { $have }; still needed: { $missing }.
rule-cannot-tell = Cannot tell yet: some letters could not be fully checked; if they hold, the set is complete. Confirmed so far: { $have }.
rule-and = and

headline-complete = Complete: { $name } has completed the Open Masters, as confirmed by { $teams }
lead-complete = Checked: every letter's signature, dates and revocation status, { $name }'s own signature on this presentation, and who confirms each writer:
headline-valid = Valid: the credentials { $name } shared hold
lead-valid = Every credential and the holder's own signature were checked; the Open Masters rule was not applied.
headline-unsigned = Not proven to be { $name }'s: these letters were sent without a signature
lead-unsigned = Each letter's own checks are below. But the presentation is not signed, so nothing shows that the letters belong to the person who sent them, and an unsigned set is never certified here. To get that proof, ask { $name } for their letters through “Ask a participant for their letters” on this site: their wallet signs the answer for your request only.
headline-unconfirmed = Not confirmed: { $name }'s letters are not confirmed by a team this verifier trusts
lead-unconfirmed = The signatures may all be genuine, but anyone can make keys and call themselves a mentor: only the team that runs a cohort can confirm who a writer is, and no team this verifier trusts confirms enough of these writers. Why:
headline-not-complete = Not complete: { $name } has not shown a completed Open Masters
lead-why = Why:
headline-undetermined = Could not be fully checked
lead-undetermined = The letters { $name } shared may be complete, but some checks could not be done, so this is NOT confirmed. Try again later.
the-holder = The holder
letters-heading = Letters of endorsement ({ $count })
checked-on = Checked on { $date }.

card-letter-from = Letter from { $name }
card-badge-from = Badge from { $name }
card-credential-from = Credential from { $name }
card-holds = This letter holds: every check passed.
card-fails = This letter does not hold: { $reason }.
card-unsure = This letter could not be fully checked: { $reason }.
card-fails-plain = This letter does not hold.
card-checks = Checks of this letter
label-endorser = Endorser
label-role = Role
label-about = About
label-achievement = Achievement
label-date = Date
label-valid-until = Valid until
label-did = DID
role-mentor = mentor
role-peer = peer
role-none = not stated
confirmed-co-mentor = { $writer } is { $holder }'s co-mentor, confirmed by { $team }, until { $until }
confirmed-participant = { $writer } is a participant, confirmed by { $team }, until { $until }
date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

conf-own-word = The name and role are the writer's own statement.
conf-confirmed = Confirmed: { $team } ({ $did }), a team this verifier trusts, confirms the writer as { $role }, until { $until }.
conf-role-co-mentor = a co-mentor of the participant
conf-role-participant = a participant
conf-pending = Confirmation not yet checked: { $reason } ({ $path }).
conf-untrusted = Not confirmed by a team you trust: it carries a confirmation signed by { $teams }, a team this verifier does not trust. { conf-own-word }
conf-refused = Not confirmed by a team you trust: { $reason } ({ $path }). { conf-own-word }
conf-none = Not confirmed by a team you trust: the letter carries no team confirmation. { conf-own-word }
conf-a-team = a team

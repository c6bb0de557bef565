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

rule-complete = Complete: { $details }
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

card-letter-from = Letter from { $name }
card-badge-from = Badge from { $name }
card-credential-from = Credential from { $name }
card-holds = This letter holds: every check passed.
card-fails = This letter does not hold:
card-unsure = This letter could not be fully checked:
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

rule-complete-details = letters from { $people } different people, { $have }, each writer confirmed by a team this verifier trusts.

# Site
site-name = Open Masters · letter checker
site-footer = Open Masters Credentials verifier. Letters are W3C Verifiable Credentials; their signatures, dates and revocation status are checked by this service.
check-title = Open Masters check
home-title = Check Open Masters letters
home-lead = Open Masters participants collect signed letters of endorsement from mentors and peers. If you received a link or a QR code, just open it. You can also check a letter or a presentation file here.
home-ask-link = Ask a participant for their letters
home-ask-after = they answer from their wallet, for this request only.
form-file = Upload a file (.json)
form-paste = …or paste it here (or a public link from the Learner Credential Wallet)
form-check = Check
check-another = Check another file
error-form = This form could not be read
error-nothing = Nothing to check
error-nothing-detail = Choose a file or paste a credential or presentation.
error-link = This link cannot be checked
error-not-json = This is not a credential file
error-document = This document cannot be checked
error-share = This share cannot be checked
error-busy = This could not be checked now
share-gone-title = Link expired or withdrawn
share-gone-heading = This link has expired or was withdrawn
share-gone-lead = The participant may have withdrawn it, or it is older than its lifetime. Ask them for a new link.
inline-checking = Checking the letters…
inline-noscript-title = This link needs JavaScript
inline-noscript-text = The letters are inside the link itself and are read by a small script in this page. Turn on JavaScript, or ask the participant for the presentation file and check it below.
inline-none-title = No presentation in this link
inline-none-text = The link is incomplete. Ask the participant to share it again.
inline-failed-title = This link could not be checked
inline-failed-text = The letters could not be checked.
inline-offline-title = Could not reach the verifier
inline-offline-text = Check your connection and reload the page.
print-button = Print or save as PDF
print-heading = Check these letters again
print-note = This printout proves nothing by itself. Scan the QR code or open the link: the letters' signatures, the participant's proof and the programme's confirmations are checked again, as they are now.

# The report
reason-presentation = The presentation
reason-letter = Letter from { $name }
reason-rule = Open Masters rule: { $statement }
unsigned-own-checks = On the letters' own checks: { $statement }
unsigned-would-complete = were they proven to be { $name }'s, they would be complete: { $details }
single-valid = Valid: this letter from { $name } holds
single-invalid = Not valid: this letter from { $name } does not hold
single-lead = This is a single letter. The Open Masters needs letters from several people; ask the participant for their share link to see the whole set.
unreadable-document = an unreadable document
no-letters = The presentation holds no letters.
presentation-heading = The presentation
shared-by = Shared by { $name }, whose identifier is
teams-none = This verifier trusts no team to confirm who writers are, so no letter counts towards the Open Masters here.
teams-trusted = Teams this verifier trusts to confirm co-mentors and participants:
not-counted = Letters not counted towards the Open Masters rule:
ignored-not-verified = it did not pass every check
ignored-about-someone-else = it is about someone other than the holder
ignored-self-issued = it is self-issued: nobody can endorse themselves
ignored-same-endorser = another letter from the same endorser already counts
ignored-not-confirmed = not confirmed by a team you trust: no trusted team confirms its writer as a co-mentor or a participant
ignored-other = it does not count
checked-at = Checked on { $date }, { $time } UTC.
check-format = Format
check-signature = Signature
check-signer = Signer
check-dates = Dates
check-revocation = Revocation
check-holder = Holder
check-endorsement = Endorsement
check-rule = Open Masters rule
outcome-passed = passed
outcome-failed = failed
outcome-unknown = could not be checked
outcome-skipped = not applicable

# Asking a participant for their letters (/ask)
ask-title = Ask for Open Masters letters
ask-heading = Ask a participant for their letters
ask-lead = You get a QR code to show the participant. They scan it with their wallet (the Open Masters wallet, or the Learner Credential Wallet) and choose to share their letters. This page then shows who vouched for them, in what role, and whether the Open Masters rule is met.
ask-button = Ask for letters
ask-again = Ask again
ask-why-not-links = Why not a share link? A share link or a presentation file shows the same letters to anyone who holds it, so it can be passed on or replayed. An answer to this request is signed by the participant for this request only (its challenge and this site's name); the same answer given again, or to another request, is refused.
ask-expired-title = Request expired
ask-expired-heading = This request has expired
ask-expired-lead = A request waits { $minutes } minutes for an answer. Start a new one.
ask-waiting-title = Waiting for the participant
ask-waiting-heading = Show this to the participant
ask-waiting-lead = They scan it with their wallet and share their Open Masters letters. This page updates by itself.
ask-waiting-status = Waiting for an answer…
ask-refused-so-far = { $count ->
    [one] 1 answer was refused so far
   *[other] { $count } answers were refused so far
}: not signed by a wallet for this request and this site (junk, a replay of an earlier answer, or one made for another site). They do not use up the request; after { $max } it closes.
ask-noscript = Without JavaScript this page cannot update itself: reload it after the participant has answered.
ask-on-a-computer = Using the Open Masters wallet on a computer?
ask-run = Run:
ask-answer-title = The participant's answer
ask-closed-heading = This request was closed
ask-closed-lead = Too many answers were refused: none was signed by a wallet for this request. Nothing was accepted; ask again and show the new QR code to the participant only.
ask-refused-heading = This answer was refused
ask-replayed-lead = It was signed for another request, not this one: it is a copy of an earlier answer (a replay), so it proves nothing about who sent it now.
ask-refused-lead = The wallet's signature on the answer does not hold, so nothing in it can be trusted.

# Links opened in a browser rather than a wallet
link-expired-title = Link expired
link-expired-heading = This link has expired or was already used
link-expired-lead = Each link works once and for a limited time. Ask for a new one.
delivery-heading = A letter of endorsement is waiting for you
delivery-lead = Open this link with your wallet to receive it. Your wallet proves that you are the person the letter is about; nobody else can receive it.
check-heading = Someone asks to see your letters
check-lead = Open this link with your wallet to choose whether to share your Open Masters letters.
wallet-on-a-computer = With the Open Masters wallet on a computer, run:

# A participant's request for a letter (/request)
request-title = A request for a letter of endorsement
request-heading = A participant asks you for a letter
request-lead = This link holds an Open Masters participant's request for a letter of endorsement: their DID, their name, the role they ask you to write in, and where the letter is delivered, signed with their key. Nothing of it was sent to this site.
request-how = Write and sign the letter with the Open Masters issuer tool; it checks the request's signature and expiry first:
request-whole-link = this whole link

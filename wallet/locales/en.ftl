# `om-wallet check` for the participant (wallet/src/rule_text.rs), chosen from
# LC_ALL, LC_MESSAGES or LANG. Every message must exist in every language file
# (wallet/tests/i18n.rs). JSON output stays in English.

mentor-letters = { $count ->
    [one] 1 mentor letter
   *[other] { $count } mentor letters
}
peer-letters = { $count ->
    [one] 1 peer letter
   *[other] { $count } peer letters
}
and = and
need-mentors = { $count ->
    [one] 1 letter from a mentor
   *[other] { $count } letters from { $count } different mentors
}
need-others = { $count ->
    [one] 1 more letter from someone who has not endorsed you yet (a mentor or a peer)
   *[other] { $count } more letters from { $count } more people (a mentor or a peer)
}
check-complete = Complete: letters from { $people } different people, { $have }, each writer confirmed by a team you trust.
check-unconfirmed = Not confirmed: your letters would meet the rule only on their writers' own word; no team you trust confirms enough of the writers as your co-mentor or a participant (confirmed: { $have }). Ask the team that runs your cohort to confirm your writers, and trust that team (--trust DID).
check-holder-not-proven = Not complete: the holder's proof does not hold.
check-not-complete = Not complete: you have { $have }; you still need { $missing }.
check-cannot-tell = Cannot tell yet: some of your letters could not be fully checked (try again later); if they hold, your letters are complete. Confirmed so far: { $have }.
check-no-team = note: you trust no team (--trust DID or OM_TRUST), so no letter can count
check-still-needed = still needed: { $what }

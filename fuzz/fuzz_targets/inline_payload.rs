#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| om_fuzz::verifier_targets::inline_payload(data));

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| om_fuzz::core_targets::inline_payload(data));

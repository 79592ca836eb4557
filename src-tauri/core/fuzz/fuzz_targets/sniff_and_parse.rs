//! Fuzzes the importer's sniff + parse + infer path: whatever the bytes, it
//! must answer with an inspection or a refusal, never panic or hang.
//!
//! Run with `cargo +nightly fuzz run sniff_and_parse` from src-tauri/core.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pilot_core::import::{inspect_bytes, Encoding, ImportOptions};

fuzz_target!(|data: &[u8]| {
    // The first byte steers the options, so overrides are explored too.
    let (options, bytes) = match data.split_first() {
        Some((steer, rest)) if steer & 0x80 != 0 => {
            let options = ImportOptions {
                encoding: [None, Some(Encoding::Utf8), Some(Encoding::Utf16Le), Some(Encoding::Windows1252)]
                    [usize::from(steer & 3)],
                delimiter: [None, Some(','), Some(';'), Some('\t')][usize::from(steer >> 2 & 3)],
                header_line: (steer & 0x10 != 0).then_some(u64::from(steer & 7)),
                replace_existing: false,
            };
            (options, rest)
        }
        _ => (ImportOptions::default(), data),
    };
    let _ = inspect_bytes("fuzz.csv", bytes, &options);
});

//! Character encodings: recognising the one a file uses from its first
//! bytes, and decoding the whole file to UTF-8 as a stream, so memory stays
//! bounded whatever the file's size.

use std::io::{self, Read};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The encodings the tools we import from write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    /// The label used in JSON and on screen.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding by its label (the inverse of [`Encoding::label`]).
    pub fn from_label(label: &str) -> Option<Encoding> {
        [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Windows1252,
        ]
        .into_iter()
        .find(|e| e.label() == label)
    }

    /// The encoding a stored row's bytes are in. Rows are stored as the
    /// file has them: UTF-8 files byte for byte (also bytes that are not
    /// valid UTF-8), Windows-1252 files in Windows-1252. UTF-16 rows are
    /// stored as UTF-8, which holds every character they can carry.
    pub fn stored(self) -> Encoding {
        match self {
            Encoding::Windows1252 => Encoding::Windows1252,
            _ => Encoding::Utf8,
        }
    }

    /// A row's text, decoded to UTF-8 on reading, turned back into the
    /// bytes it is stored as (see [`Encoding::stored`]). Windows-1252 as
    /// browsers decode it maps every byte to its own character, so the
    /// round trip gives back the file's very bytes.
    pub fn to_stored<'a>(self, text: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
        if self.stored() != Encoding::Windows1252 {
            return std::borrow::Cow::Borrowed(text);
        }
        let text = String::from_utf8_lossy(text);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        std::borrow::Cow::Owned(bytes.into_owned())
    }

    /// Stored bytes (see [`Encoding::stored`]) as text to show.
    pub fn show_stored(self, bytes: &[u8]) -> String {
        match self.stored() {
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
            _ => String::from_utf8_lossy(bytes).into_owned(),
        }
    }

    /// The length of the byte order mark this encoding starts with, if the
    /// file has one.
    pub(crate) fn bom_len(self, prefix: &[u8]) -> usize {
        let bom: &[u8] = match self {
            Encoding::Utf8Bom => b"\xEF\xBB\xBF",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
            Encoding::Utf8 | Encoding::Windows1252 => b"",
        };
        if prefix.starts_with(bom) {
            bom.len()
        } else {
            0
        }
    }

    /// The decoder to run the bytes through; `None` when they already are
    /// UTF-8 and pass through untouched (the fast path for most files).
    fn decoder(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => None,
            Encoding::Utf16Le => Some(encoding_rs::UTF_16LE),
            Encoding::Utf16Be => Some(encoding_rs::UTF_16BE),
            Encoding::Windows1252 => Some(encoding_rs::WINDOWS_1252),
        }
    }
}

/// Recognises the encoding from the first bytes of a file. `complete` says
/// whether `prefix` is the whole file, so that a multi-byte character cut
/// off at the end of a partial prefix is not taken for invalid UTF-8.
pub(crate) fn detect(prefix: &[u8], complete: bool) -> Encoding {
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return Encoding::Utf8Bom;
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return Encoding::Utf16Le;
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return Encoding::Utf16Be;
    }
    if let Some(utf16) = utf16_without_bom(prefix) {
        return utf16;
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => Encoding::Utf8,
        // A sequence cut short by the end of the prefix is still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => Encoding::Utf8,
        // Excel on Windows writes "CSV" in the machine's ANSI code page,
        // which for the locales we serve is Windows-1252; every byte sequence
        // decodes in it, so it is the safe fallback.
        Err(_) => Encoding::Windows1252,
    }
}

/// Settles the encoding on the whole file when the prefix looked like
/// UTF-8: a byte that is not valid UTF-8 further on (a Windows-1252 file
/// whose first accented letter is far down) revisits the decision with a
/// detector fed every byte of the file. Only UTF-8 is checked, at memory
/// speed; the detector runs only on that evidence.
pub(crate) fn settle(mut reader: impl Read, prefix_guess: Encoding) -> io::Result<Encoding> {
    if prefix_guess != Encoding::Utf8 {
        return Ok(prefix_guess);
    }
    let mut buf = vec![0u8; 256 * 1024];
    // Bytes of a character cut off at the end of the previous chunk.
    let mut carry = 0;
    let mut detector = chardetng::EncodingDetector::new();
    // Valid non-ASCII characters, and runs of bytes that are not UTF-8.
    let (mut multibyte, mut invalid) = (0u64, 0u64);
    loop {
        let n = reader.read(&mut buf[carry..])?;
        let end = carry + n;
        let keep = if n == 0 { 0 } else { cut_off(&buf[..end]) };
        let body = &buf[..end - keep];
        let seen_invalid = invalid > 0;
        for chunk in body.utf8_chunks() {
            multibyte += chunk.valid().bytes().filter(|b| *b >= 0xC0).count() as u64;
            invalid += u64::from(!chunk.invalid().is_empty());
        }
        // The detector sees the bytes from the chunk with the first
        // invalid one on; the earlier ones were ASCII or valid UTF-8,
        // which tells it little about a legacy code page either way.
        if seen_invalid || invalid > 0 {
            detector.feed(body, n == 0);
        }
        if n == 0 {
            break;
        }
        buf.copy_within(end - keep..end, 0);
        carry = keep;
    }
    // A UTF-8 file with a stray byte or two is still UTF-8: text in a
    // legacy code page almost never forms valid multi-byte sequences.
    if invalid == 0 || multibyte > invalid {
        return Ok(Encoding::Utf8);
    }
    Ok(match detector.guess(None, true) {
        e if e == encoding_rs::WINDOWS_1252 => Encoding::Windows1252,
        _ => Encoding::Utf8,
    })
}

/// Watches a file's bytes, piece by piece as they are read, for any that
/// are not valid UTF-8. An import reads every byte anyway, so it learns
/// here, alongside its one read, whether a file sniffed as UTF-8 holds
/// anything else; only then is the file read again by [`settle`], which
/// weighs the evidence. The usual file, valid throughout, is read once.
#[derive(Debug, Default)]
pub struct Utf8Watch {
    /// The start of a character cut off at the end of the last piece.
    carry: [u8; 4],
    carried: usize,
    invalid: bool,
}

impl Utf8Watch {
    pub fn feed(&mut self, mut bytes: &[u8]) {
        if self.invalid {
            return;
        }
        if self.carried > 0 {
            let width = match self.carry[0] {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let take = (width - self.carried).min(bytes.len());
            self.carry[self.carried..self.carried + take].copy_from_slice(&bytes[..take]);
            self.carried += take;
            bytes = &bytes[take..];
            if self.carried < width {
                return;
            }
            self.carried = 0;
            if std::str::from_utf8(&self.carry[..width]).is_err() {
                self.invalid = true;
                return;
            }
        }
        match std::str::from_utf8(bytes) {
            Ok(_) => {}
            // A character the next piece completes.
            Err(e) if e.error_len().is_none() => {
                let rest = &bytes[e.valid_up_to()..];
                self.carry[..rest.len()].copy_from_slice(rest);
                self.carried = rest.len();
            }
            Err(_) => self.invalid = true,
        }
    }

    /// Whether every byte fed was UTF-8, the last character complete.
    pub fn all_utf8(&self) -> bool {
        !self.invalid && self.carried == 0
    }
}

/// How many bytes at the end of `bytes` begin a UTF-8 sequence that the
/// next read completes.
fn cut_off(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b < 0x80 {
            return 0;
        }
        if b >= 0xC0 {
            let width = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            return if back < width { back } else { 0 };
        }
    }
    0
}

/// What the user is told about the file's encoding when it is not UTF-8.
pub(crate) fn note(encoding: Encoding) -> Option<String> {
    match encoding {
        Encoding::Windows1252 => Some(
            "This file looks like it was saved by Excel on Windows (Windows-1252), so it is read that way. \
             If accented letters look wrong, save it as \"CSV UTF-8\" and import it again."
                .into(),
        ),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            Some("This file was saved as Unicode text (UTF-16), as Excel's \"Unicode Text\" does.".into())
        }
        Encoding::Utf8 | Encoding::Utf8Bom => None,
    }
}

/// UTF-16 written without a byte order mark shows itself by a zero byte in
/// every other position for ASCII text.
fn utf16_without_bom(prefix: &[u8]) -> Option<Encoding> {
    let pairs = prefix.len() / 2;
    if pairs < 8 {
        return None;
    }
    let even_zero = prefix.chunks_exact(2).filter(|p| p[0] == 0).count();
    let odd_zero = prefix.chunks_exact(2).filter(|p| p[1] == 0).count();
    if odd_zero * 10 >= pairs * 9 && even_zero == 0 {
        Some(Encoding::Utf16Le)
    } else if even_zero * 10 >= pairs * 9 && odd_zero == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes a prefix (or a whole small file) to text for sniffing.
pub(crate) fn decode_prefix(bytes: &[u8], encoding: Encoding) -> String {
    let bytes = &bytes[encoding.bom_len(bytes)..];
    match encoding.decoder() {
        None => String::from_utf8_lossy(bytes).into_owned(),
        Some(enc) => enc.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Wraps a byte stream (positioned after any byte order mark) so that it
/// reads as UTF-8.
pub(crate) fn utf8_reader<'a>(inner: Box<dyn Read + 'a>, encoding: Encoding) -> Box<dyn Read + 'a> {
    match encoding.decoder() {
        None => inner,
        Some(enc) => Box::new(DecodingReader {
            inner,
            decoder: enc.new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            eof: false,
            finished: false,
            spill: [0; 4],
            spill_start: 0,
            spill_end: 0,
        }),
    }
}

/// A streaming decoder: reads a chunk of the source, decodes what fits into
/// the caller's buffer, and keeps the rest of the chunk for the next call.
struct DecodingReader<'a> {
    inner: Box<dyn Read + 'a>,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    finished: bool,
    spill: [u8; 4],
    spill_start: usize,
    spill_end: usize,
}

impl Read for DecodingReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.spill_start < self.spill_end {
            let n = (self.spill_end - self.spill_start).min(out.len());
            out[..n].copy_from_slice(&self.spill[self.spill_start..self.spill_start + n]);
            self.spill_start += n;
            return Ok(n);
        }
        // encoding_rs needs room for at least one whole character; a smaller
        // buffer is served from a spill that keeps what does not fit.
        if out.len() < 4 {
            let mut spill = [0u8; 4];
            self.spill_end = self.read(&mut spill)?;
            self.spill = spill;
            self.spill_start = 0;
            if self.spill_end == 0 {
                return Ok(0);
            }
            return self.read(out);
        }
        loop {
            if self.finished {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.start = 0;
                self.end = n;
                self.eof = n == 0;
            }
            let (result, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[self.start..self.end], out, self.eof);
            self.start += read;
            // A decoder told that its input is complete must not be used
            // again once it has emptied it.
            self.finished = self.eof && result == encoding_rs::CoderResult::InputEmpty;
            if written > 0 || self.finished {
                return Ok(written);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_name_the_encoding() {
        assert_eq!(detect(b"\xEF\xBB\xBFa,b", true), Encoding::Utf8Bom);
        assert_eq!(detect(b"\xFF\xFEa\0,\0b\0", true), Encoding::Utf16Le);
        assert_eq!(detect(b"\xFE\xFF\0a\0,\0b", true), Encoding::Utf16Be);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_windows_1252() {
        assert_eq!(detect(b"Stra\xDFe;B\xFCro", true), Encoding::Windows1252);
        assert_eq!(detect("Straße;Büro".as_bytes(), true), Encoding::Utf8);
    }

    #[test]
    fn a_character_cut_by_the_end_of_the_prefix_is_still_utf8() {
        let text = "Zoë".as_bytes();
        assert_eq!(detect(&text[..3], false), Encoding::Utf8);
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_recognised() {
        let bytes: Vec<u8> = "a,b\nc,d\n1,2\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(detect(&bytes, true), Encoding::Utf16Le);
    }

    #[test]
    fn decoding_streams_in_small_pieces() {
        let text = "Größe;Büro\n".repeat(10_000);
        let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut reader = utf8_reader(Box::new(&utf16[..]), Encoding::Utf16Be);
        let mut all = Vec::new();
        let mut chunk = [0u8; 3];
        loop {
            let n = reader.read(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            all.extend_from_slice(&chunk[..n]);
        }
        assert_eq!(String::from_utf8(all).unwrap(), text);
    }

    #[test]
    fn reading_past_the_end_keeps_returning_nothing() {
        let mut reader = utf8_reader(Box::new(&b"abc"[..]), Encoding::Windows1252);
        let mut out = [0u8; 16];
        assert_eq!(reader.read(&mut out).unwrap(), 3);
        assert_eq!(reader.read(&mut out).unwrap(), 0);
        assert_eq!(reader.read(&mut out).unwrap(), 0);
    }

    #[test]
    fn windows_1252_decodes_to_utf8() {
        let mut reader = utf8_reader(Box::new(&b"B\xFCro \x80"[..]), Encoding::Windows1252);
        let mut out = String::new();
        reader.read_to_string(&mut out).unwrap();
        assert_eq!(out, "Büro €");
    }

    #[test]
    fn a_windows_1252_byte_far_down_the_file_settles_it_as_windows_1252() {
        let mut bytes = b"name,city\n".to_vec();
        for i in 0..40_000 {
            bytes.extend_from_slice(format!("person {i},Berlin\n").as_bytes());
        }
        bytes.extend_from_slice(b"Jos\xe9 M\xfcller,K\xf6ln\n");
        assert_eq!(detect(&bytes[..1000], false), Encoding::Utf8);
        assert_eq!(
            settle(&bytes[..], Encoding::Utf8).unwrap(),
            Encoding::Windows1252
        );
        let utf8 = "Jos\u{e9},K\u{f6}ln\n".repeat(30_000);
        assert_eq!(
            settle(utf8.as_bytes(), Encoding::Utf8).unwrap(),
            Encoding::Utf8
        );
    }

    #[test]
    fn a_utf8_file_with_a_stray_byte_stays_utf8() {
        let mut bytes = "Jos\u{e9},K\u{f6}ln\n".repeat(30_000).into_bytes();
        bytes.extend_from_slice(b"x,\xff\xfe\n");
        assert_eq!(settle(&bytes[..], Encoding::Utf8).unwrap(), Encoding::Utf8);
    }

    #[test]
    fn the_watch_finds_bytes_that_are_not_utf8_however_the_pieces_fall() {
        let text = "Zo\u{eb} \u{20ac} \u{1f600},K\u{f6}ln\n".repeat(50);
        let mut bad = text.clone().into_bytes();
        bad.extend_from_slice(b"Jos\xe9\n");
        let mut cut = text.clone().into_bytes();
        cut.extend_from_slice(&"\u{20ac}".as_bytes()[..2]);
        for piece in 1..=9 {
            let watch = |bytes: &[u8]| {
                let mut watch = Utf8Watch::default();
                for part in bytes.chunks(piece) {
                    watch.feed(part);
                }
                watch.feed(&[]);
                watch.all_utf8()
            };
            assert!(watch(text.as_bytes()), "pieces of {piece}");
            assert!(!watch(&bad), "pieces of {piece}");
            assert!(!watch(&cut), "pieces of {piece}");
            assert!(!watch(b"a\xe2\x82b"), "pieces of {piece}");
        }
    }

    #[test]
    fn a_character_cut_by_the_read_boundary_is_not_invalid() {
        assert_eq!(cut_off("ab\u{e9}".as_bytes()), 0);
        assert_eq!(cut_off(&"ab\u{e9}".as_bytes()[..3]), 1);
        assert_eq!(cut_off(&"a\u{20ac}".as_bytes()[..3]), 2);
        assert_eq!(cut_off(b"abc"), 0);
    }

    #[test]
    fn windows_1252_rows_are_stored_as_the_file_has_them() {
        let file = b"Jos\xe9;\x81\x8d\x80";
        let decoded = encoding_rs::WINDOWS_1252.decode(file).0;
        let stored = Encoding::Windows1252.to_stored(decoded.as_bytes());
        assert_eq!(&stored[..], &file[..]);
        assert_eq!(Encoding::Windows1252.show_stored(&stored), decoded);
        assert_eq!(
            Encoding::from_label("windows-1252"),
            Some(Encoding::Windows1252)
        );
    }
}

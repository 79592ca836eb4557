//! The closed sets of words the core shares with its front ends (error
//! codes, the parts an issue is about, ...). Each is an enum that crosses IPC
//! as a string (serde) and is generated into a TypeScript union; Rust code
//! that reads or writes the word itself (the CLI's JSON, tests) gets it from
//! [`spelled!`], so it is spelled exactly as on the wire.

/// Gives a word enum `as_str` (its wire spelling, from `strum`'s
/// `IntoStaticStr` with the same `serialize_all` as serde's `rename_all`)
/// and comparison with a spelled word, and tests that the two spellings
/// agree (one `spelled!` per module: the test has one name).
macro_rules! spelled {
    ($word:ty) => {
        impl $word {
            /// The word as it crosses IPC.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl PartialEq<&str> for $word {
            fn eq(&self, word: &&str) -> bool {
                self.as_str() == *word
            }
        }

        impl PartialEq<str> for $word {
            fn eq(&self, word: &str) -> bool {
                self.as_str() == word
            }
        }

        #[cfg(test)]
        #[test]
        fn every_word_is_spelled_as_on_the_wire() {
            crate::words::assert_spelled_alike::<$word>();
        }
    };
}
pub(crate) use spelled;

/// serde and strum are told the case separately; every word of `W` must
/// be spelled the same by both. Each `spelled!` runs this as a test.
#[cfg(test)]
pub(crate) fn assert_spelled_alike<W>()
where
    W: strum::IntoEnumIterator + serde::Serialize + Copy + Into<&'static str>,
{
    for word in W::iter() {
        let text: &'static str = word.into();
        assert_eq!(
            serde_json::to_value(word).unwrap(),
            serde_json::Value::from(text)
        );
    }
}

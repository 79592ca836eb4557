//! The closed sets of words the core shares with its front ends (error
//! codes, the parts an issue is about, ...). Each is an enum that crosses IPC
//! as a string (serde) and is generated into a TypeScript union; Rust code
//! that reads or writes the word itself (the CLI's JSON, tests) gets it from
//! [`spelled!`], so it is spelled exactly as on the wire.

/// Gives a word enum `as_str` (its wire spelling, from `strum`'s
/// `IntoStaticStr` with the same `serialize_all` as serde's `rename_all`)
/// and comparison with a spelled word.
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
    };
}
pub(crate) use spelled;

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use strum::IntoEnumIterator;

    use crate::catalog::IssuePart;
    use crate::ErrorCode;

    /// serde and strum are told the case separately; they must agree.
    fn spelled_alike<W: IntoEnumIterator + Serialize + Copy + Into<&'static str>>() {
        for word in W::iter() {
            let text: &'static str = word.into();
            assert_eq!(
                serde_json::to_value(word).unwrap(),
                serde_json::Value::from(text)
            );
        }
    }

    #[test]
    fn every_error_code_is_spelled_as_on_the_wire() {
        spelled_alike::<ErrorCode>();
    }

    #[test]
    fn every_issue_part_is_spelled_as_on_the_wire() {
        spelled_alike::<IssuePart>();
    }
}

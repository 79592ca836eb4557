//! One person's messages as one e-mail: its subject and text, and the
//! `mailto:` address (RFC 6068) that opens it in the mail client.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::Message;

/// What stays as it is in an address: RFC 6068 lets `@` and the unreserved
/// characters through; everything else is percent-encoded.
const ADDRESS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'@')
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// A header value is encoded whole: `&`, `=`, `?`, `#` and spaces too.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// The subject and text of one e-mail holding `messages` (all for one
/// person), each message under its own subject line.
pub(super) fn compose(messages: &[Message]) -> (String, String) {
    match messages {
        [one] => (one.subject.clone(), one.body.clone()),
        many => {
            let subject = format!("{} messages about your requests", many.len());
            let text = many
                .iter()
                .map(|m| format!("{}\n\n{}", m.subject, m.body))
                .collect::<Vec<_>>()
                .join("\n\n----\n\n");
            (subject, text)
        }
    }
}

/// The `mailto:` address of an e-mail to `email`, or none when the
/// address is not one a mail client could send to. The portal's
/// invitations are made with it too.
pub(crate) fn address(email: &str, subject: &str, text: &str) -> Option<String> {
    let email = email.trim();
    if !email_address::EmailAddress::is_valid(email) {
        return None;
    }
    // Mail clients expect CRLF line breaks in a mailto body (RFC 6068, 5).
    let text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    Some(format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(email, ADDRESS),
        utf8_percent_encode(subject, VALUE),
        utf8_percent_encode(&text, VALUE),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailto_address_encodes_every_reserved_character_of_the_subject_and_body() {
        let url = address("ann@example.org", "A & B?", "x=1\n#2 50%").unwrap();
        assert_eq!(
            url,
            "mailto:ann@example.org?subject=A%20%26%20B%3F&body=x%3D1%0D%0A%232%2050%25"
        );
    }

    #[test]
    fn a_person_without_a_usable_address_gets_no_mailto() {
        assert_eq!(address("", "s", "b"), None);
        assert_eq!(address("not an address", "s", "b"), None);
    }
}

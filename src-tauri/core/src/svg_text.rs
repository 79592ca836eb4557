//! Text inside the SVG pictures the core draws (the roadmap, a form's
//! sketch): escaped so an imported string is always text, never markup,
//! and cut to fit a box without measuring fonts.

/// `text` as SVG/XML character data or attribute value; control
/// characters, which XML does not allow, become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts a label to `max` characters with an ellipsis, so it stays inside
/// its card without measuring fonts.
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

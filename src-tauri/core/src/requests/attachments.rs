//! Files attached to a pilot request: a receipt, a signed form, a photo of
//! the broken door. Whoever may comment on a request may attach to it while
//! it is open. A file is kept as data in the workspace: its type is read
//! from its content (the name's extension only when the content says
//! nothing), shown in words, and the file is never opened, run or rendered
//! by Pilot Studio; people save a copy and open it themselves.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lifecycle::Step;
use super::live::{authorise, person_name, record};
use super::Actor;
use crate::error::{Error, Result};
use crate::pilots;
use crate::sla::format_utc;
use crate::storage;
use crate::storage::attachments::NewAttachment;
use crate::workspace::Workspace;

/// The largest file: room for scans and phone photos, small enough that a
/// workspace stays a file people can copy.
pub const FILE_MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most files one request holds.
pub const FILES_PER_REQUEST: i64 = 20;
/// The longest file name kept, in characters.
pub const NAME_MAX: usize = 120;

/// An attached file as lists show it (its content is fetched on its own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub request_id: i64,
    /// The form's attachment field the file answers, when it came with
    /// the form.
    pub field_key: Option<String>,
    pub name: String,
    /// The media type read from the content, e.g. `application/pdf`.
    pub media_type: String,
    /// The type in words, e.g. "PDF document".
    pub kind: String,
    #[ts(type = "number")]
    pub size: i64,
    pub added_by_name: String,
    /// UTC.
    pub added_at: String,
}

/// A file to attach: its name as the person's computer called it and its
/// bytes.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub name: String,
    pub content: Vec<u8>,
    pub field_key: Option<String>,
}

impl NewFile {
    /// The file as the answer to the form's attachment field `key`.
    pub fn for_field(self, key: &str) -> NewFile {
        NewFile {
            field_key: Some(key.to_owned()),
            ..self
        }
    }
}

/// Attaches `file` to request `id` as `actor` at `now`; the request's
/// timeline says so.
pub fn attach(
    ws: &mut Workspace,
    id: i64,
    actor: Actor,
    file: &NewFile,
    now: DateTime<Utc>,
) -> Result<Attachment> {
    let attachment_id = ws.write(|tx| attach_in(tx, id, actor, file, now))?;
    get(ws, id, attachment_id)
}

pub(crate) fn attach_in(
    conn: &Connection,
    id: i64,
    actor: Actor,
    file: &NewFile,
    now: DateTime<Utc>,
) -> Result<i64> {
    let r = storage::requests::live(conn, id)?.ok_or(Error::NotFound {
        what: "Request",
        id,
    })?;
    if r.state.is_final() {
        return Err(Error::invalid(
            "attachment",
            format!(
                "Request #{id} is {}: nothing more can be attached to it.",
                r.state.label().to_lowercase()
            ),
        ));
    }
    let pilot = pilots::load(conn, r.pilot_id)?;
    let at = format_utc(now);
    let approvals = storage::requests::approvals(conn, id)?;
    authorise(conn, &pilot, &r, actor, Step::Comment, &approvals, &at)?;
    let name = file_name(&file.name);
    check_size(&name, file.content.len())?;
    let (count, _) = storage::attachments::totals(conn, id)?;
    if count >= FILES_PER_REQUEST {
        return Err(Error::invalid(
            "attachment",
            format!("Request #{id} already holds {FILES_PER_REQUEST} files, the most one request can hold."),
        ));
    }
    let media_type = media_type_of(&name, &file.content);
    let actor_name = person_name(conn, actor.person_id)?;
    let attachment_id = storage::attachments::insert(
        conn,
        &NewAttachment {
            request_id: id,
            field_key: file.field_key.as_deref(),
            name: &name,
            media_type: &media_type,
            content: &file.content,
            added_by: actor.person_id,
            added_by_name: &actor_name,
            added_at: &at,
        },
    )?;
    let detail = format!(
        "{name} ({}, {})",
        kind_label(&media_type, &name),
        size_label(file.content.len() as i64)
    );
    record(conn, id, &at, actor, "attached", None, None, &detail, false)?;
    Ok(attachment_id)
}

/// A request's attachments, oldest first.
pub fn list(ws: &Workspace, request_id: i64) -> Result<Vec<Attachment>> {
    storage::attachments::list(ws.conn(), request_id)
}

/// One attachment of request `request_id`, without its content.
pub fn get(ws: &Workspace, request_id: i64, id: i64) -> Result<Attachment> {
    list(ws, request_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(Error::NotFound {
            what: "Attachment",
            id,
        })
}

/// One attachment of request `request_id` with its content.
pub fn content(ws: &Workspace, request_id: i64, id: i64) -> Result<(Attachment, Vec<u8>)> {
    storage::attachments::with_content(ws.conn(), request_id, id)?.ok_or(Error::NotFound {
        what: "Attachment",
        id,
    })
}

/// Reads the file at `path` (chosen by the person in a native dialog) to
/// attach it, refusing one too big before reading it in.
pub fn read(path: &Path) -> Result<NewFile> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let name = file_name(&path.file_name().unwrap_or_default().to_string_lossy());
    let size = std::fs::metadata(path).map_err(io)?.len();
    check_size(&name, usize::try_from(size).unwrap_or(usize::MAX))?;
    let content = std::fs::read(path).map_err(io)?;
    // The file may have grown between the two looks.
    check_size(&name, content.len())?;
    Ok(NewFile {
        name,
        content,
        field_key: None,
    })
}

/// Writes a copy of an attachment to `path`, whole or not at all: the
/// bytes go to a file beside it that is renamed over `path` at the end.
pub fn save_copy(ws: &Workspace, request_id: i64, id: i64, path: &Path) -> Result<Attachment> {
    let (attachment, bytes) = content(ws, request_id, id)?;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = std::path::PathBuf::from(part);
    let written = std::fs::write(&part, &bytes).and_then(|()| std::fs::rename(&part, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(io(e));
    }
    Ok(attachment)
}

/// Refuses an empty file and one over [`FILE_MAX_BYTES`], naming it; the
/// app and the portal call it before reading a whole file in.
pub fn check_size(name: &str, size: usize) -> Result<()> {
    if size == 0 {
        return Err(Error::invalid(
            "attachment",
            format!("“{name}” is empty: there is nothing to attach."),
        ));
    }
    if size > FILE_MAX_BYTES {
        return Err(Error::invalid(
            "attachment",
            format!(
                "“{name}” is {}; a file can be at most {}.",
                size_label(size as i64),
                size_label(FILE_MAX_BYTES as i64)
            ),
        ));
    }
    Ok(())
}

/// The name to keep: the last part of whatever path came with it, without
/// control characters, at most [`NAME_MAX`] characters (the extension
/// kept), "attachment" when nothing is left.
pub fn file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    if clean.is_empty() {
        return "attachment".to_owned();
    }
    if clean.chars().count() <= NAME_MAX {
        return clean.to_owned();
    }
    let extension = clean
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.chars().count() <= 10)
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let stem: String = clean
        .chars()
        .take(NAME_MAX - extension.chars().count())
        .collect();
    format!("{}{extension}", stem.trim_end())
}

/// The media type of a file: what its first bytes say, else what its
/// name's extension says, else "application/octet-stream". The content
/// wins, so a program renamed `receipt.pdf` is not shown as a PDF.
pub fn media_type_of(name: &str, content: &[u8]) -> String {
    if let Some(kind) = infer::get(content) {
        return kind.mime_type().to_owned();
    }
    let by_name = mime_guess::from_path(name).first();
    match by_name {
        // A name cannot make bytes that do not look like a known binary
        // format into an image or a program; only text types are
        // believed from a name alone.
        Some(m) if m.type_() == mime_guess::mime::TEXT && std::str::from_utf8(content).is_ok() => {
            m.essence_str().to_owned()
        }
        _ if std::str::from_utf8(content).is_ok() => "text/plain".to_owned(),
        _ => "application/octet-stream".to_owned(),
    }
}

/// A media type in words, for people who do not read them.
pub fn kind_label(media_type: &str, name: &str) -> String {
    let (top, sub) = media_type.split_once('/').unwrap_or((media_type, ""));
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_uppercase())
        .filter(|e| !e.is_empty() && e.len() <= 5);
    let known = match (top, sub) {
        ("application", "pdf") => Some("PDF document"),
        ("application", s) if s.contains("wordprocessingml") || s == "msword" => {
            Some("Word document")
        }
        ("application", s) if s.contains("spreadsheetml") || s == "vnd.ms-excel" => {
            Some("Excel workbook")
        }
        ("application", s) if s.contains("presentationml") || s == "vnd.ms-powerpoint" => {
            Some("PowerPoint presentation")
        }
        ("application", s) if s.contains("opendocument") => Some("OpenDocument file"),
        ("application", "zip" | "gzip" | "x-7z-compressed" | "vnd.rar" | "x-tar") => {
            Some("Archive")
        }
        ("application", s) if s.contains("executable") || s.contains("msdownload") => {
            Some("Program (not opened here)")
        }
        ("text", "csv") => Some("CSV table"),
        ("text", "plain") => Some("Text"),
        ("text", "html") => Some("Web page (shown as a file only)"),
        ("message", "rfc822") => Some("E-mail"),
        _ => None,
    };
    match (known, top) {
        (Some(words), _) => words.to_owned(),
        (None, "image") => format!("{} image", sub.to_uppercase()),
        (None, "audio") => "Sound".to_owned(),
        (None, "video") => "Video".to_owned(),
        _ => match extension {
            Some(e) => format!("{e} file"),
            None => "File".to_owned(),
        },
    }
}

/// A size in bytes as people read it: "830 bytes", "12 KB", "3.4 MB".
pub fn size_label(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_only_its_last_path_part_and_no_control_characters() {
        assert_eq!(file_name("C:\\Users\\ann\\receipt.pdf"), "receipt.pdf");
        assert_eq!(file_name("../../etc/passwd"), "passwd");
        assert_eq!(file_name("in\u{202e}fdp.exe"), "infdp.exe");
        assert_eq!(file_name("a\nb.txt"), "ab.txt");
        assert_eq!(file_name("  "), "attachment");
        assert_eq!(file_name(".bashrc"), "bashrc");
    }

    #[test]
    fn a_long_name_is_shortened_but_keeps_its_extension() {
        let long = format!("{}.pdf", "x".repeat(300));
        let kept = file_name(&long);
        assert_eq!(kept.chars().count(), NAME_MAX);
        assert!(kept.ends_with(".pdf"));
    }

    #[test]
    fn the_type_comes_from_the_content_before_the_name() {
        assert_eq!(
            media_type_of("photo.pdf", b"\x89PNG\r\n\x1a\n0000"),
            "image/png"
        );
        assert_eq!(media_type_of("notes.csv", b"a,b\n1,2\n"), "text/csv");
        assert_eq!(media_type_of("photo.png", b"not an image"), "text/plain");
        assert_eq!(
            media_type_of("photo.png", &[0u8, 159, 146, 150]),
            "application/octet-stream"
        );
        assert_eq!(
            media_type_of("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
            "application/vnd.microsoft.portable-executable"
        );
    }

    #[test]
    fn types_and_sizes_read_as_words() {
        assert_eq!(kind_label("application/pdf", "a.pdf"), "PDF document");
        assert_eq!(kind_label("image/png", "a.png"), "PNG image");
        assert_eq!(kind_label("application/octet-stream", "a.dat"), "DAT file");
        assert_eq!(size_label(830), "830 bytes");
        assert_eq!(size_label(12 * 1024), "12 KB");
        assert_eq!(size_label(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }
}

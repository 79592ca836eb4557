//! Opening a file that must be a regular file: a CSV file, a workspace, an
//! option or settings file. Pipes, devices and folders are refused at once.

use std::path::Path;

/// Why a file could not be opened for reading.
pub enum Opened {
    Io(std::io::Error),
    /// What it is instead, such as "a pipe (FIFO)".
    NotAFile(&'static str),
}

/// Opens `path` for reading, refusing anything that is not a regular file.
///
/// Opening a pipe for reading waits until something writes to it, which
/// may be never; so the file is opened without waiting and then looked at,
/// which also catches a pipe put in the file's place after a check.
pub fn open_regular(path: &Path) -> std::result::Result<std::fs::File, Opened> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(Opened::Io)?;
    let kind = file.metadata().map_err(Opened::Io)?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(Opened::NotAFile("a pipe (FIFO)"));
        }
        if kind.is_socket() {
            return Err(Opened::NotAFile("a socket"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(Opened::NotAFile("a device"));
        }
    }
    if kind.is_dir() {
        return Err(Opened::NotAFile("a folder"));
    }
    Err(Opened::NotAFile("not a regular file"))
}

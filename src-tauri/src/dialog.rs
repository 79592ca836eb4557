//! Native file dialogs (rfd), behind a small seam: end-to-end tests cannot
//! drive a native dialog, so `PILOT_E2E_OPEN_PATH`, `PILOT_E2E_SAVE_PATH`,
//! `PILOT_E2E_IMPORT_PATH`, `PILOT_E2E_ATTACH_PATH`, `PILOT_E2E_CERT_PATH`
//! and `PILOT_E2E_KEY_PATH` stand in for the user's choice. Everything
//! after the choice is the same
//! code path a user takes.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};

use crate::error::{AppError, CmdResult};

pub enum Kind {
    OpenWorkspace,
    OpenCsv,
    /// A file to attach to a request.
    OpenAttachment,
    /// The portal's certificate (PEM) for HTTPS.
    OpenCertificate,
    /// The private key of that certificate (PEM).
    OpenKey,
    SaveWorkspace {
        suggested: String,
    },
    /// A report export: the suggested file name with its extension, and
    /// what the file type is called in the dialog's filter.
    SaveExport {
        suggested: String,
        extension: &'static str,
        type_name: &'static str,
    },
    /// A copy of an attachment, under its own name.
    SaveAttachment {
        suggested: String,
    },
}

/// Asks the user for a path; `None` when they cancel.
pub async fn choose(app: &AppHandle, kind: Kind) -> CmdResult<Option<PathBuf>> {
    let seam = match kind {
        Kind::OpenWorkspace => "PILOT_E2E_OPEN_PATH",
        Kind::OpenCsv => "PILOT_E2E_IMPORT_PATH",
        Kind::OpenAttachment => "PILOT_E2E_ATTACH_PATH",
        Kind::OpenCertificate => "PILOT_E2E_CERT_PATH",
        Kind::OpenKey => "PILOT_E2E_KEY_PATH",
        Kind::SaveWorkspace { .. } | Kind::SaveExport { .. } | Kind::SaveAttachment { .. } => {
            "PILOT_E2E_SAVE_PATH"
        }
    };
    if let Some(path) = std::env::var_os(seam) {
        return Ok(Some(PathBuf::from(path)));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let window = app.get_webview_window("main");
    // GTK dialogs must be created on the main thread; the command itself
    // waits on a worker for the answer.
    app.run_on_main_thread(move || {
        let mut dialog = rfd::FileDialog::new();
        if let Some(window) = &window {
            dialog = dialog.set_parent(window);
        }
        let workspaces = |d: rfd::FileDialog| d.add_filter("Pilot Studio workspace", &["pilot"]);
        let choice = match kind {
            Kind::OpenWorkspace => workspaces(dialog).set_title("Open Workspace").pick_file(),
            Kind::OpenCsv => dialog
                .set_title("Import CSV")
                .add_filter("CSV and text exports", &["csv", "txt", "tsv"])
                .add_filter("All files", &["*"])
                .pick_file(),
            Kind::OpenAttachment => dialog.set_title("Attach a File").pick_file(),
            Kind::OpenCertificate => dialog
                .set_title("Choose the Portal's Certificate")
                .add_filter("Certificates (PEM)", &["pem", "crt", "cer"])
                .add_filter("All files", &["*"])
                .pick_file(),
            Kind::OpenKey => dialog
                .set_title("Choose the Certificate's Private Key")
                .add_filter("Private keys (PEM)", &["pem", "key"])
                .add_filter("All files", &["*"])
                .pick_file(),
            Kind::SaveWorkspace { suggested } => workspaces(dialog)
                .set_title("Save Workspace")
                .set_file_name(format!("{suggested}.pilot"))
                .save_file()
                .map(with_extension),
            Kind::SaveExport {
                suggested,
                extension,
                type_name,
            } => dialog
                .set_title("Export Report")
                .add_filter(type_name, &[extension])
                .set_file_name(format!("{suggested}.{extension}"))
                .save_file(),
            Kind::SaveAttachment { suggested } => dialog
                .set_title("Save a Copy")
                .set_file_name(suggested)
                .save_file(),
        };
        let _ = tx.send(choice);
    })?;
    rx.await
        .map_err(|_| AppError::internal("the file dialog closed unexpectedly"))
}

fn with_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e == pilot_core::workspace::EXTENSION)
    {
        path
    } else {
        let mut p = path.into_os_string();
        p.push(".");
        p.push(pilot_core::workspace::EXTENSION);
        PathBuf::from(p)
    }
}

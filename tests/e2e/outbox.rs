//! The notification outbox in the real window: Ann's request was approved
//! and resolved, so she has "resolved" and "please rate" waiting; Max, who
//! approved it, still has "approval needed" waiting. The analyst hands
//! Ann's batch to the mail client as one e-mail, and marks Max's sent
//! after telling him another way.

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use chrono::Utc;
use pilot_core::requests::{self, Action, Actor};
use pilot_e2e::{Profile, WebDriverResult};

use super::pilots::{open, pilot_in, prepare, work_certificate};

/// Makes the profile's desktop open `mailto:` addresses with a program
/// that writes the address to `mailto.txt` in the profile, through the
/// same desktop files and `mimeapps.list` a mail client registers with.
fn record_mail_client(profile: &Profile) -> std::path::PathBuf {
    let record = profile.path("mailto.txt");
    let script = profile.path("record-mail");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", record.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let applications = profile.path("data/applications");
    std::fs::create_dir_all(&applications).unwrap();
    std::fs::write(
        applications.join("record-mail.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Record mail\nExec={} %u\nMimeType=x-scheme-handler/mailto;\n",
            script.display()
        ),
    )
    .unwrap();
    let config = profile.path("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/mailto=record-mail.desktop\n",
    )
    .unwrap();
    record
}

/// What the mail client was handed, once it has been.
fn handed(record: &std::path::Path) -> String {
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(record) {
            if !text.is_empty() {
                return text;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the mail client was never handed an e-mail"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test]
async fn the_outbox_hands_a_persons_messages_to_the_mail_client_as_one_e_mail(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let record = record_mail_client(&profile);
    let (mut ws, s) = prepare(&profile);
    let pilot = pilot_in(&mut ws, &s, true);
    let id = work_certificate(&mut ws, &s, pilot, s.ann);
    let steps = [
        (
            s.max,
            Action::Approve {
                comment: String::new(),
            },
        ),
        (s.fay, Action::CompleteTask { position: 1 }),
        (s.fay, Action::CompleteTask { position: 2 }),
        (
            s.fay,
            Action::Resolve {
                note: "Sent.".into(),
            },
        ),
    ];
    for (who, action) in steps {
        requests::act(&mut ws, id, Actor::acting_as(who), &action, Utc::now()).unwrap();
    }
    drop(ws);

    let mut app = open(&profile, "outbox", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.wait_text(
        "[data-testid=outbox-headline]",
        "3 messages for 2 people wait to be sent.",
    )
    .await?;
    let batches = app.texts("[data-testid=outbox-batch]").await?;
    assert_eq!(batches.len(), 2, "{batches:?}");
    let ann = batches.iter().find(|b| b.contains("Ann")).unwrap();
    assert!(ann.contains("ann@example.org"), "{ann}");
    assert!(ann.contains("1 resolved, 1 please rate"), "{ann}");
    let max = batches.iter().find(|b| b.contains("Max")).unwrap();
    assert!(max.contains("1 approval needed"), "{max}");
    app.el("[data-testid=outbox]")
        .await?
        .scroll_into_view()
        .await?;
    app.shot("waiting").await?;

    // Ann's two messages go to the mail client as one e-mail (hers is the
    // first batch: they come by name).
    app.click("[data-testid=outbox-mail]").await?;
    let mailto = handed(&record);
    assert!(
        mailto.starts_with("mailto:ann@example.org?subject="),
        "{mailto}"
    );
    assert!(
        mailto.contains("2%20messages%20about%20your%20requests"),
        "{mailto}"
    );
    assert!(mailto.contains("Please%20rate"), "{mailto}");
    app.wait_text(
        "[data-testid=outbox-headline]",
        "1 message for 1 person waits to be sent.",
    )
    .await?;

    // Max was told another way: his message is marked sent.
    app.click("[data-testid=outbox-mark-sent]").await?;
    app.wait_text("[data-testid=outbox-headline]", "Nothing waits to be sent.")
        .await?;
    app.el("[data-testid=outbox]")
        .await?
        .scroll_into_view()
        .await?;
    app.shot("all-sent").await?;
    app.quit().await
}

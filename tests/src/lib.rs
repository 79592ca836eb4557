//! The end-to-end harness: starts `tauri-driver` (which starts
//! WebKitWebDriver, which starts the real app binary) with a private profile,
//! opens a WebDriver session on the app's window, and offers the few verbs
//! the tests are written in. The same verbs drive a headless Chromium
//! (through chromedriver) for the portal's pages, which participants open
//! in their own browsers. Screenshots go to `target/e2e-screenshots/`.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

pub use thirtyfour::prelude::WebDriverResult;

/// How long a step may take before the test fails; generous because CI
/// machines are small, and never a timing assertion.
const PATIENCE: Duration = Duration::from_secs(20);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The app binary under test: `PILOT_APP`, or the workspace's debug build.
fn app_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let path = std::env::var_os("PILOT_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target.join("debug/pilot-studio"));
    let path = std::fs::canonicalize(&path).unwrap_or_else(|_| {
        panic!(
            "the app binary {} does not exist: run `cargo build -p pilot-studio` first (make test does)",
            path.display()
        )
    });
    path
}

/// The `pilot` command-line binary: `PILOT_CLI`, or the workspace's debug
/// build.
pub fn cli_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let path = std::env::var_os("PILOT_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| target.join("debug/pilot"));
    std::fs::canonicalize(&path).unwrap_or_else(|_| {
        panic!(
            "the pilot binary {} does not exist: run `cargo build -p pilot-cli` first (make test does)",
            path.display()
        )
    })
}

/// For the benchmarks: the file an environment variable names, which
/// their `script` sets.
pub fn bench_path(name: &str, script: &str) -> PathBuf {
    let value = std::env::var_os(name).unwrap_or_else(|| panic!("{name} is not set: run {script}"));
    std::fs::canonicalize(&value)
        .unwrap_or_else(|e| panic!("{name}={}: {e}", PathBuf::from(&value).display()))
}

/// For the benchmarks: how many runs to make, `RUNS` or `default`.
pub fn bench_runs(default: usize) -> usize {
    std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// A port nobody listens on just now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// A user's private corner of the machine: data, config and cache folders.
/// Launching twice with the same profile is "closing and reopening the app".
pub struct Profile {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Default for Profile {
    fn default() -> Self {
        Self::new()
    }
}

impl Profile {
    pub fn new() -> Self {
        Profile {
            dir: tempfile::tempdir().expect("temp dir"),
            env: Vec::new(),
        }
    }

    /// A path inside the profile for files a test makes.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Sets an environment variable for the app, e.g. a dialog seam.
    pub fn set_env(&mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) {
        self.env.retain(|(k, _)| k != key);
        self.env
            .push((key.into(), value.as_ref().to_string_lossy().into_owned()));
    }
}

/// The colour scheme a browser's system asks pages for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

pub struct App {
    pub driver: WebDriver,
    /// The WebDriver server: tauri-driver for the app, chromedriver for a
    /// browser.
    tauri_driver: Child,
    shots: PathBuf,
    shot_count: usize,
}

impl App {
    /// Starts the app in `profile` and waits until its first screen is up.
    pub async fn launch(profile: &Profile, test: &str) -> WebDriverResult<App> {
        Self::launch_with_args(profile, test, &[]).await
    }

    pub async fn launch_with_args(
        profile: &Profile,
        test: &str,
        args: &[&str],
    ) -> WebDriverResult<App> {
        let app = Self::launch_binary(&app_binary(), profile, test, args).await?;
        // The shell is up once it has asked the backend for the workspace.
        app.wait_gone("[role=status]").await?;
        Ok(app)
    }

    /// Starts the Tauri app `binary` in `profile` and returns as soon as
    /// WebDriver has a session on its window, before its page has content.
    /// The start-up benchmark launches Pilot Studio and its peer, a minimal
    /// Tauri app, through this same door.
    pub async fn launch_binary(
        binary: &Path,
        profile: &Profile,
        test: &str,
        args: &[&str],
    ) -> WebDriverResult<App> {
        if std::env::var_os("DISPLAY").is_none() {
            panic!("no DISPLAY: run the end-to-end tests under Xvfb (`make test` does: xvfb-run)");
        }
        let app = binary;
        // A busy machine can miss a session start (a port taken between
        // choosing and binding it, a slow WebKit start): try again on fresh
        // ports before giving up.
        let mut attempt = 0;
        let (driver, tauri_driver) = loop {
            attempt += 1;
            let (port, mut tauri_driver) = start_tauri_driver(profile);
            let mut caps = Capabilities::new();
            caps.set("browserName", "wry")?;
            caps.set(
                "tauri:options",
                serde_json::json!({ "application": app, "args": args }),
            )?;
            match WebDriver::new(format!("http://127.0.0.1:{port}"), caps).await {
                Ok(driver) => break (driver, tauri_driver),
                Err(e) if attempt < 3 => {
                    eprintln!("session start failed ({e}); retrying");
                    stop(&mut tauri_driver);
                }
                Err(e) => {
                    stop(&mut tauri_driver);
                    return Err(e);
                }
            }
        };
        let shots = workspace_root().join("target/e2e-screenshots").join(test);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        Ok(App {
            driver,
            tauri_driver,
            shots,
            shot_count: 0,
        })
    }

    /// The memory the app holds now: the proportional set size (shared
    /// pages split among their sharers) of every process under the
    /// WebDriver server, that is the app and its WebKit processes, leaving
    /// out the driver programs themselves. In kibibytes.
    pub fn memory_kib(&self) -> u64 {
        const DRIVERS: [&str; 3] = ["tauri-driver", "WebKitWebDriver", "chromedriver"];
        descendants(self.tauri_driver.id())
            .into_iter()
            .filter(|pid| {
                std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .is_ok_and(|comm| !DRIVERS.contains(&comm.trim()))
            })
            .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
            .filter_map(|rollup| {
                rollup
                    .lines()
                    .find_map(|line| line.strip_prefix("Pss:"))
                    .and_then(|rest| {
                        rest.trim()
                            .trim_end_matches("kB")
                            .trim()
                            .parse::<u64>()
                            .ok()
                    })
            })
            .sum()
    }

    /// A headless Chromium window of `width` × `height` pixels, for pages
    /// served over HTTP (the portal's), with a fresh profile of its own and
    /// the system's colour scheme `scheme`.
    pub async fn browser(
        test: &str,
        width: u32,
        height: u32,
        scheme: Scheme,
    ) -> WebDriverResult<App> {
        let port = free_port();
        // Waited for in `stop`, from `quit` or `Drop`, which clippy cannot see.
        #[allow(clippy::zombie_processes)]
        let mut chromedriver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is not installed: `apt-get install chromium chromium-driver` (make test does)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > PATIENCE {
                stop(&mut chromedriver);
                panic!("chromedriver did not listen on port {port}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut caps = DesiredCapabilities::chrome();
        if Path::new("/usr/bin/chromium").exists() {
            caps.set_binary("/usr/bin/chromium")?;
        }
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--lang=en-GB",
            &format!("--window-size={width},{height}"),
        ] {
            caps.add_arg(arg)?;
        }
        if scheme == Scheme::Dark {
            // Pages then match `prefers-color-scheme: dark`.
            caps.add_arg("--force-dark-mode")?;
        }
        let driver = match WebDriver::new(format!("http://127.0.0.1:{port}"), caps).await {
            Ok(driver) => driver,
            Err(e) => {
                stop(&mut chromedriver);
                return Err(e);
            }
        };
        let shots = workspace_root().join("target/e2e-screenshots").join(test);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        Ok(App {
            driver,
            tauri_driver: chromedriver,
            shots,
            shot_count: 0,
        })
    }

    /// The folder this test's screenshots go to, for files worth looking at
    /// next to them (e.g. an exported PDF).
    pub fn shots_dir(&self) -> &Path {
        &self.shots
    }

    /// Saves a screenshot of the window, numbered in the order taken.
    pub async fn shot(&mut self, name: &str) -> WebDriverResult<()> {
        self.shot_count += 1;
        let path = self
            .shots
            .join(format!("{:02}-{name}.png", self.shot_count));
        // Let the page paint what the DOM now holds before the capture.
        self.driver
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await?;
        self.driver.screenshot(&path).await
    }

    /// The first displayed element matching `css`, waiting for it to appear.
    pub async fn el(&self, css: &str) -> WebDriverResult<WebElement> {
        self.driver
            .query(By::Css(css))
            .wait(PATIENCE, Duration::from_millis(100))
            .and_displayed()
            .first()
            .await
    }

    pub async fn all(&self, css: &str) -> WebDriverResult<Vec<WebElement>> {
        let started = Instant::now();
        loop {
            match self.driver.find_all(By::Css(css)).await {
                // WebKitWebDriver fails a search when an element it found
                // leaves the page before it is handed over (a toast that
                // closes, a row re-rendered): search again.
                Err(e)
                    if matches!(
                        e.as_inner(),
                        thirtyfour::error::WebDriverErrorInner::StaleElementReference(_)
                    ) && started.elapsed() < PATIENCE =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                found => return found,
            }
        }
    }

    pub async fn click(&self, css: &str) -> WebDriverResult<()> {
        let el = self.el(css).await?;
        self.click_element(&el).await
    }

    /// Clicks an element as a user would: when something lies over it (a
    /// toast that has not gone yet, on a busy machine), the user closes
    /// what covers it and clicks again.
    pub async fn click_element(&self, el: &WebElement) -> WebDriverResult<()> {
        match el.click().await {
            Err(e)
                if matches!(
                    e.as_inner(),
                    thirtyfour::error::WebDriverErrorInner::ElementClickIntercepted(_)
                ) =>
            {
                self.close_toasts().await?;
                el.scroll_into_view().await?;
                el.click().await
            }
            other => other,
        }
    }

    /// Closes every toast with its close button, as a user would, and
    /// waits until none is left.
    pub async fn close_toasts(&self) -> WebDriverResult<()> {
        self.driver
            .execute(
                "document.querySelectorAll('[data-sonner-toast] [data-close-button]').forEach((b) => b.click());",
                vec![],
            )
            .await?;
        self.wait_gone("[data-sonner-toast]").await
    }

    /// Clicks the button whose visible text or accessible label is `label`.
    pub async fn click_button(&self, label: &str) -> WebDriverResult<()> {
        let xpath = format!("//button[normalize-space()='{label}' or @aria-label='{label}']");
        let button = self
            .driver
            .query(By::XPath(&xpath))
            .wait(PATIENCE, Duration::from_millis(100))
            .and_displayed()
            .first()
            .await?;
        self.click_element(&button).await
    }

    /// Clicks the first element matching `css` whose text contains `needle`.
    pub async fn click_text(&self, css: &str, needle: &str) -> WebDriverResult<()> {
        self.wait_text(css, needle).await?;
        for el in self.all(css).await? {
            if el.text().await?.contains(needle) {
                return self.click_element(&el).await;
            }
        }
        panic!("no {css} with text {needle:?} to click");
    }

    /// Replaces the value of an input with `text`, as typed by the user.
    pub async fn fill(&self, css: &str, text: &str) -> WebDriverResult<()> {
        let input = self.el(css).await?;
        input.clear().await?;
        input.send_keys(text).await
    }

    /// Picks the option with this visible text in a `<select>`.
    pub async fn choose(&self, css: &str, option: &str) -> WebDriverResult<()> {
        let select = SelectElement::new(&self.el(css).await?).await?;
        select.select_by_visible_text(option).await
    }

    /// Presses a key on whatever has the focus, as a user would; a table
    /// row is no text field, so keys cannot be sent to it as an element.
    pub async fn press(&self, key: thirtyfour::Key) -> WebDriverResult<()> {
        let key = char::from(key);
        self.driver
            .action_chain()
            .key_down(key)
            .key_up(key)
            .perform()
            .await
    }

    pub async fn text(&self, css: &str) -> WebDriverResult<String> {
        self.el(css).await?.text().await
    }

    /// Waits until an element matching `css` shows text containing `needle`,
    /// and returns that text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> WebDriverResult<String> {
        let started = Instant::now();
        loop {
            for el in self.all(css).await? {
                let text = el.text().await.unwrap_or_default();
                if text.contains(needle) {
                    return Ok(text);
                }
            }
            if started.elapsed() > PATIENCE {
                let seen = self.driver.source().await.unwrap_or_default();
                panic!("no {css} with text {needle:?} appeared; page was:\n{seen}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element matching `css` shows exactly `expected`: a
    /// figure that loads after the screen (a count on the home page) is
    /// read once it has come.
    pub async fn wait_text_is(&self, css: &str, expected: &str) -> WebDriverResult<()> {
        let started = Instant::now();
        loop {
            let text = self.text(css).await?;
            if text.trim() == expected {
                return Ok(());
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{css} showed {text:?}, never {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element matching `css` shows something other than
    /// `before`, and returns what it shows then.
    pub async fn wait_changed(&self, css: &str, before: &str) -> WebDriverResult<String> {
        let started = Instant::now();
        loop {
            let text = self.text(css).await?;
            if text != before {
                return Ok(text);
            }
            assert!(started.elapsed() < PATIENCE, "{css} still shows {before:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matching `css` is displayed.
    pub async fn wait_gone(&self, css: &str) -> WebDriverResult<()> {
        let started = Instant::now();
        loop {
            let mut shown = false;
            for el in self.all(css).await? {
                shown |= el.is_displayed().await.unwrap_or(false);
            }
            if !shown {
                return Ok(());
            }
            assert!(started.elapsed() < PATIENCE, "{css} did not go away");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The texts of every element matching `css`.
    pub async fn texts(&self, css: &str) -> WebDriverResult<Vec<String>> {
        let mut out = Vec::new();
        for el in self.all(css).await? {
            out.push(el.text().await?);
        }
        Ok(out)
    }

    /// Closes the app as a user would and stops the drivers.
    pub async fn quit(mut self) -> WebDriverResult<()> {
        let family = descendants(self.tauri_driver.id());
        let result = self.driver.clone().quit().await;
        stop_with(&mut self.tauri_driver, &family);
        result
    }
}

/// Starts tauri-driver on free ports for `profile`; returns its port once it
/// listens.
fn start_tauri_driver(profile: &Profile) -> (u16, Child) {
    let port = free_port();
    let native_port = free_port();
    let root = profile.dir.path();
    let mut cmd = Command::new("tauri-driver");
    cmd.args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_CACHE_HOME", root.join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in &profile.env {
        cmd.env(k, v);
    }
    // Waited for in `stop`, from `quit` or `Drop`, which clippy cannot see.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().expect(
        "tauri-driver is not installed: `cargo install tauri-driver --locked` (make test does)",
    );
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > PATIENCE {
            stop(&mut child);
            panic!("tauri-driver did not listen on port {port}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (port, child)
}

impl Drop for App {
    fn drop(&mut self) {
        stop(&mut self.tauri_driver);
    }
}

/// Stops tauri-driver and everything it started, and returns only once
/// they are gone.
///
/// SIGTERM first, so that tauri-driver also stops WebKitWebDriver (SIGKILL
/// would leave it behind). The app itself is WebKitWebDriver's child: it
/// ends when its window closes, but on a busy machine that can take a
/// while, and an app orphaned by a driver that ended first may not end at
/// all. Until it is gone it still holds its workspace lock, so a test that
/// opens the same workspace next would find it locked. So the processes
/// under tauri-driver are noted first and waited for, within a bound, and
/// ended if they outstay it.
fn stop(child: &mut Child) {
    let family = descendants(child.id());
    stop_with(child, &family);
}

/// `stop`, for a `family` noted earlier (before the session was closed,
/// while every process was still where tauri-driver started it).
fn stop_with(child: &mut Child, family: &[u32]) {
    if let Ok(None) = child.try_wait() {
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
        }
        let started = Instant::now();
        while let Ok(None) = child.try_wait() {
            if started.elapsed() > Duration::from_secs(5) {
                let _ = child.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.wait();
    }
    for (signal, patience) in [
        (None, Duration::from_secs(10)),
        (Some(libc::SIGTERM), Duration::from_secs(5)),
        (Some(libc::SIGKILL), Duration::from_secs(5)),
    ] {
        let alive: Vec<u32> = family.iter().copied().filter(|&p| running(p)).collect();
        if alive.is_empty() {
            return;
        }
        if let Some(signal) = signal {
            for pid in &alive {
                unsafe {
                    libc::kill(*pid as libc::pid_t, signal);
                }
            }
        }
        let started = Instant::now();
        while alive.iter().any(|&p| running(p)) && started.elapsed() < patience {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The processes below `pid` (children, grandchildren, ...), from /proc.
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            Some((pid, stat(pid)?.1))
        })
        .collect();
    let mut found = vec![pid];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        next += 1;
    }
    found.remove(0);
    found
}

/// Whether `pid` is still a live process (a zombie has ended; it only
/// waits for its parent to notice).
///
/// Every thread is asked, not only the main one: a process's main thread
/// shows as a zombie as soon as it has exited, while its other threads may
/// still be ending and still hold the process's open files, such as the
/// workspace lock a test wants to take next.
fn running(pid: u32) -> bool {
    let alive = |stat: &str| {
        fields_after_name(stat)
            .and_then(|mut fields| fields.next())
            .is_some_and(|state| state != "Z" && state != "X")
    };
    match std::fs::read_dir(format!("/proc/{pid}/task")) {
        Ok(tasks) => tasks.flatten().any(|task| {
            std::fs::read_to_string(task.path().join("stat")).is_ok_and(|stat| alive(&stat))
        }),
        Err(_) => false,
    }
}

/// The state letter and parent of `pid`, from /proc/<pid>/stat.
fn stat(pid: u32) -> Option<(char, u32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut fields = fields_after_name(&text)?;
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some((state, parent))
}

/// The fields of a /proc stat line after the command name, state first.
/// The name is in parentheses and may hold spaces and parentheses, so the
/// fields start after the last ')'.
fn fields_after_name(stat: &str) -> Option<std::str::SplitWhitespace<'_>> {
    Some(stat[stat.rfind(')')? + 1..].split_whitespace())
}

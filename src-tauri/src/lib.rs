//! The Stammkunde desktop shell: builds the Tauri app around the core crate.

mod commands;
mod state;

use specta_typescript::Typescript;
use stammkunde::store::resolve_db_path;
use state::AppState;

#[macro_use]
mod command_list;

/// Every command the UI can call, with its types for the generated TypeScript bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::{
        app, backup, care, contacts, customers, demo, duplicates, employees, io, loyalty, paper,
        privacy, surveys, timeline, value,
    };
    macro_rules! collect {
        (main: [$($a:ident :: $c:ident),* $(,)?], kiosk: [$($ka:ident :: $kc:ident),* $(,)?],
         lock: [$($la:ident :: $lc:ident),* $(,)?] $(,)?) => {
            tauri_specta::collect_commands![$($a::$c,)* $($ka::$kc,)* $($la::$lc,)*]
        };
    }
    tauri_specta::Builder::<tauri::Wry>::new().commands(app_commands!(collect))
}

macro_rules! names {
    (main: [$($a:ident :: $c:ident),* $(,)?], kiosk: [$($ka:ident :: $kc:ident),* $(,)?],
     lock: [$($la:ident :: $lc:ident),* $(,)?] $(,)?) => {
        (&[$(stringify!($c)),*], &[$(stringify!($kc)),*], &[$(stringify!($lc)),*])
    };
}

/// The commands of the main window, the kiosk window and the lock screen, by name (what
/// the capabilities grant).
pub const COMMANDS: (&[&str], &[&str], &[&str]) = app_commands!(names);

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/api/bindings.ts";

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            Typescript::default().header("// Generated from the Rust commands by tauri-specta. Do not edit.\n// Regenerate with `make bindings`.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// An app, not a browser: WebKit keeps no caches of pages visited before or resources
/// loaded (`WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER`, "substantially reduces memory usage"),
/// and draws without accelerated compositing (no layers of its own to keep).
fn lean_web_view(webview: tauri::webview::PlatformWebview) {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = webview;
}

/// Starts the app.
pub fn run() {
    let builder = specta_builder();
    let locale = sys_locale::get_locale().unwrap_or_else(|| "de-DE".to_owned());
    let db_path = match resolve_db_path(None) {
        Ok(path) => path,
        Err(err) => {
            eprintln!("{}", err.message(stammkunde::Lang::from_locale(&locale)));
            std::process::exit(1);
        }
    };
    let state = AppState::open(db_path, locale);
    commands::backup::daily_in_background(&state);
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.with_webview(lean_web_view);
            }
            commands::privacy::lock_at_start(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| {
            eprintln!("Stammkunde could not start: {err}");
            std::process::exit(1);
        });
}

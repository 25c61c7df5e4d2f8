//! The commands the UI may call. Each takes the state, calls one core function and maps
//! the error; logic lives in the core crate.

/// Writes commands that run one core function on the store, each as
/// `name(arg: Type, …) -> Return => |store| …;`, `|store, clock| …` with the command's one
/// clock, or `|store, clock, lang| …` with the user's language too. Every one becomes an
/// async `#[tauri::command]` that runs on the store's worker thread (see `AppState::run`).
macro_rules! store_commands {
    ($(
        $(#[$meta:meta])*
        $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty
            => |$store:ident $(, $clock:ident $(, $lang:ident)?)?| $body:expr;
    )*) => {$(
        $(#[$meta])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $name(
            state: tauri::State<'_, crate::state::AppState>,
            $($arg: $ty),*
        ) -> Result<$ret, stammkunde::ErrorReport> {
            $($(let $lang = state.lang();)?)?
            state
                .run_clocked(move |$store, _clock| {
                    $(let $clock = _clock;)?
                    $body
                })
                .await
        }
    )*};
}

pub mod app;
pub mod backup;
pub mod care;
pub mod contacts;
pub mod customers;
pub mod demo;
pub mod duplicates;
pub mod employees;
pub mod io;
pub mod loyalty;
pub mod paper;
pub mod privacy;
pub mod surveys;
pub mod timeline;
pub mod value;

/// A chart drawn as SVG, as the text the screen puts in the page.
fn svg_text(svg: Vec<u8>) -> stammkunde::Result<String> {
    String::from_utf8(svg).map_err(|e| stammkunde::Error::Internal(e.to_string()))
}

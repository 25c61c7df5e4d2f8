//! Paper: a document's preview (the PDF the core writes, for the screen to draw), saving it
//! with the native dialog, and printing it by handing the PDF to the operating system's
//! PDF viewer, whose print dialog works the same on Linux, Windows and macOS (the web
//! view's `window.print()` does nothing on macOS).

use crate::state::AppState;
use base64::Engine as _;
use serde::Serialize;
use stammkunde::ErrorReport;
use stammkunde::charts::ChartFormat;
use stammkunde::paper::reports::{self, ShopChart};
use stammkunde::paper::{self, Document};
use std::path::PathBuf;
use tauri::{State, Window};

/// End-to-end tests must not start a PDF viewer: with this variable set, the file is
/// written but not opened.
const TEST_NO_VIEWER: &str = "STAMMKUNDE_TEST_NO_VIEWER";

/// A document ready to be shown.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PaperPreview {
    /// The PDF, base64.
    pub pdf: String,
    /// The name a saved copy gets.
    pub file_name: String,
}

store_commands! {
    /// The document as PDF, for the preview.
    paper_preview(document: Document) -> PaperPreview => |store, clock, lang| {
        let pdf = paper::render(store, &document, clock, lang)?;
        Ok(PaperPreview {
            pdf: base64::engine::general_purpose::STANDARD.encode(pdf),
            file_name: document.file_name(clock.today(), lang),
        })
    };
}

/// Saves the document as PDF where the user picks; the path, or `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn paper_save(
    window: Window,
    state: State<'_, AppState>,
    document: Document,
) -> Result<Option<String>, ErrorReport> {
    let lang = state.lang();
    let name = document.file_name(stammkunde::Clock::system().today(), lang);
    let Some(path) = super::io::save_path(&window, &name, ("PDF", &["pdf"])).await else {
        return Ok(None);
    };
    state
        .run_clocked(move |store, clock| {
            paper::save(&path, &paper::render(store, &document, clock, lang)?)?;
            Ok(Some(path.to_string_lossy().into_owned()))
        })
        .await
}

/// Prints: the PDF goes to a folder of the app's and is opened with the system's PDF
/// viewer, to be printed from its dialog. Returns the file's path.
#[tauri::command]
#[specta::specta]
pub async fn paper_print(
    state: State<'_, AppState>,
    document: Document,
) -> Result<String, ErrorReport> {
    let lang = state.lang();
    let folder = std::env::temp_dir().join("Stammkunde-Druck");
    let path = state
        .run_clocked(move |store, clock| {
            std::fs::create_dir_all(&folder)?;
            let path: PathBuf = folder.join(document.file_name(clock.today(), lang));
            paper::save(&path, &paper::render(store, &document, clock, lang)?)?;
            Ok(path)
        })
        .await?;
    if std::env::var_os(TEST_NO_VIEWER).is_none() {
        open::that_detached(&path).map_err(|e| stammkunde::Error::from(e).report(lang))?;
    }
    Ok(path.to_string_lossy().into_owned())
}

/// Saves any chart of the app as PNG or SVG where the user picks; the path, or `None`
/// when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn chart_save(
    window: Window,
    state: State<'_, AppState>,
    chart: ShopChart,
    format: ChartFormat,
) -> Result<Option<String>, ErrorReport> {
    let lang = state.lang();
    let ending = match format {
        ChartFormat::Png => "png",
        ChartFormat::Svg => "svg",
    };
    let name = format!("{}.{ending}", chart.file_stem(lang));
    super::io::save_file(
        &window,
        &state,
        &name,
        (&ending.to_uppercase(), &[ending]),
        move |store, clock| reports::chart(store, &chart, format, clock.today(), lang),
    )
    .await
}

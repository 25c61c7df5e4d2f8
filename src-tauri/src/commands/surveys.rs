//! Surveys, the kiosk and complaints. The kiosk window (label `kiosk`) is granted only
//! `kiosk_view`, `kiosk_submit` and `kiosk_exit` by its capability
//! (`capabilities/kiosk.json`); everything else here belongs to the main window.

use super::io::save_file;
use crate::state::AppState;
use stammkunde::charts::ChartFormat;
use stammkunde::complaints::{self, Complaint, ComplaintInput};
use stammkunde::customers::CustomerId;
use stammkunde::interactions::InteractionId;
use stammkunde::surveys::SurveyProblem;
use stammkunde::surveys::answers::{Answer, Results};
use stammkunde::surveys::kiosk::{self, KioskSettings, KioskSettingsInput, KioskView};
use stammkunde::surveys::shop::{self, Comment, SurveyTemplate};
use stammkunde::surveys::template::Template;
use stammkunde::surveys::{ResponseId, SurveyId};
use stammkunde::{Error, ErrorReport};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder, Window};

/// The kiosk window's label; its capability names it.
pub const KIOSK: &str = "kiosk";

store_commands! {
    surveys_list() -> Vec<SurveyTemplate>
        => |store| shop::templates(store);

    survey_get(id: SurveyId) -> SurveyTemplate
        => |store| shop::template(store, id);

    /// Keeps a new template (`id` null) or changes one.
    survey_save(id: Option<SurveyId>, template: Template) -> SurveyTemplate
        => |store, clock| shop::save_template(store, id, &template, clock);

    survey_delete(id: SurveyId) -> ()
        => |store| shop::delete_template(store, id);

    /// NPS, CSAT, per question and per month over the last `months` months (0: all).
    survey_results(id: SurveyId, months: u32) -> Results
        => |store, clock| shop::results(store, id, shop::period_start(months, clock.today())?);

    /// The monthly trend as SVG.
    survey_chart(id: SurveyId, months: u32) -> String
        => |store, clock, lang| {
            let from = shop::period_start(months, clock.today())?;
            let svg = shop::trend_chart(store, id, from, lang, ChartFormat::Svg)?;
            super::svg_text(svg)
        };

    survey_comments(id: SurveyId, months: u32) -> Vec<Comment>
        => |store, clock| {
            let from = shop::period_start(months, clock.today())?;
            shop::comments(store, id, from, 500)
        };

    /// An employee's feedback form after a visit: linked to the customer and the visit.
    survey_submit_visit(
        template: SurveyId,
        customer: CustomerId,
        interaction: Option<InteractionId>,
        answers: Vec<Answer>,
    ) -> ()
        => |store, clock| {
            shop::submit_visit(store, template, customer, interaction, &answers, clock)?;
            Ok(())
        };

    kiosk_settings_get() -> KioskSettings
        => |store| kiosk::settings(store);

    kiosk_settings_save(input: KioskSettingsInput) -> KioskSettings
        => |store, clock| kiosk::save_settings(store, &input, clock);

    /// A customer's complaints: the open ones, or all.
    complaints_list(customer: CustomerId, all: bool) -> Vec<Complaint>
        => |store| match all {
            true => complaints::all_for(store, customer),
            false => complaints::open_for(store, customer),
        };

    complaint_update(id: InteractionId, input: ComplaintInput) -> Complaint
        => |store, clock| complaints::update(store, id, &input, clock);

    /// Takes up a survey comment as a complaint (an anonymous one needs the customer).
    complaint_from_response(response: ResponseId, customer: Option<CustomerId>) -> Complaint
        => |store, clock| complaints::from_response(store, response, customer, clock);
}

/// Saves the responses as CSV where the user picks; returns the path.
#[tauri::command]
#[specta::specta]
pub async fn survey_export(
    window: Window,
    state: State<'_, AppState>,
    id: SurveyId,
    months: u32,
) -> Result<Option<String>, ErrorReport> {
    let lang = state.lang();
    let name = format!("{}.csv", lang.pick("Umfrage", "survey"));
    save_file(
        &window,
        &state,
        &name,
        ("CSV (Excel)", &["csv"]),
        move |store, clock| {
            let from = shop::period_start(months, clock.today())?;
            shop::export_csv(store, id, from, lang)
        },
    )
    .await
}

/// Opens the kiosk: a full-screen window that shows only the survey, and hides the main
/// window (with every customer's data) until the PIN ends the kiosk.
#[tauri::command]
#[specta::specta]
pub async fn kiosk_start(
    app: AppHandle,
    state: State<'_, AppState>,
    template: SurveyId,
    customer: Option<CustomerId>,
) -> Result<(), ErrorReport> {
    let run = state
        .run(move |store| kiosk::start(store, template, customer))
        .await?;
    state.set_kiosk(Some(run));
    if let Some(window) = app.get_webview_window(KIOSK) {
        // Already open (a second start): it shows the new survey from its start screen.
        window
            .eval("location.reload()")
            .map_err(|e| internal(&state, e))?;
        return Ok(());
    }
    let mut builder = WebviewWindowBuilder::new(&app, KIOSK, WebviewUrl::App("kiosk".into()));
    // The whole screen even where no window manager honours "full screen".
    if let Ok(Some(monitor)) = app.primary_monitor() {
        let size = monitor.size().to_logical::<f64>(monitor.scale_factor());
        builder = builder
            .inner_size(size.width, size.height)
            .position(0.0, 0.0);
    }
    let built = builder
        .title("Stammkunde – Umfrage")
        .fullscreen(true)
        .always_on_top(true)
        .decorations(false)
        .resizable(false)
        .closable(false)
        .minimizable(false)
        .focused(true)
        // Nothing but the kiosk page loads in this window.
        .on_navigation(|url| url.path().trim_end_matches('/') == "/kiosk")
        .build();
    let window = match built {
        Ok(window) => window,
        Err(e) => {
            state.set_kiosk(None);
            return Err(internal(&state, e));
        }
    };
    let handle = app.clone();
    window.on_window_event(move |event| {
        // Closing (Alt+F4, the window manager) is refused while the kiosk runs; only the
        // PIN ends it.
        if let tauri::WindowEvent::CloseRequested { api, .. } = event
            && handle.state::<AppState>().kiosk().is_some()
        {
            api.prevent_close();
        }
    });
    if let Some(main) = app.get_webview_window("main") {
        let _ = main.hide();
    }
    Ok(())
}

/// What the kiosk shows: the questions, the first name, the reset time.
#[tauri::command]
#[specta::specta]
pub async fn kiosk_view(state: State<'_, AppState>) -> Result<KioskView, ErrorReport> {
    let run = running(&state)?;
    state.run(move |store| kiosk::view(store, &run)).await
}

/// Keeps the answers given in the kiosk; false when a partial one was dropped as set.
#[tauri::command]
#[specta::specta]
pub async fn kiosk_submit(
    state: State<'_, AppState>,
    answers: Vec<Answer>,
    complete: bool,
) -> Result<bool, ErrorReport> {
    let run = running(&state)?;
    state
        .run_clocked(move |store, clock| {
            kiosk::submit(store, &run, &answers, complete, clock).map(|id| id.is_some())
        })
        .await
}

/// Ends the kiosk with the owner's PIN: closes it and brings the main window back.
#[tauri::command]
#[specta::specta]
pub async fn kiosk_exit(
    app: AppHandle,
    state: State<'_, AppState>,
    pin: String,
) -> Result<(), ErrorReport> {
    running(&state)?;
    let guard = state.pin_guard();
    state
        .run_clocked(move |store, clock| {
            let mut guard = guard
                .lock()
                .map_err(|_| Error::Internal("PIN guard".into()))?;
            guard.try_exit(store, &pin, clock)
        })
        .await?;
    state.set_kiosk(None);
    if let Some(main) = app.get_webview_window("main") {
        let _ = main.show();
        let _ = main.set_focus();
    }
    if let Some(window) = app.get_webview_window(KIOSK) {
        window.destroy().map_err(|e| internal(&state, e))?;
    }
    Ok(())
}

fn running(state: &AppState) -> Result<kiosk::KioskRun, ErrorReport> {
    state
        .kiosk()
        .ok_or_else(|| Error::Survey(SurveyProblem::NoKiosk).report(state.lang()))
}

fn internal(state: &AppState, e: impl std::fmt::Display) -> ErrorReport {
    Error::Internal(e.to_string()).report(state.lang())
}

//! Customer value: run the analysis, read its overview and a customer's value, draw the
//! charts as SVG for the screen (saved as files by `paper::chart_save`), the owner's
//! settings and estimates.

use stammkunde::Error;
use stammkunde::charts::ChartFormat;
use stammkunde::customers::CustomerId;
use stammkunde::value::indicators::{self, CustomerIndicator, Indicator, IndicatorId};
use stammkunde::value::shop::{self, ChartKind, CustomerValue, ValueOverview, ValueSettingsInput};

store_commands! {
    /// The shop's revenue of the last 12 months against the year before, month by month.
    value_shop_revenue() -> stammkunde::value::shop::ShopRevenue
        => |store, clock| stammkunde::value::shop::shop_revenue(store, clock.today());

    /// The last analysis, summed up; `None` before the first.
    value_overview() -> Option<ValueOverview>
        => |store| shop::overview(store);

    /// Runs the analysis on today's data (fit, predictions, classes, matrix, phases, scores)
    /// and returns its overview.
    value_refresh() -> ValueOverview
        => |store, clock| {
            shop::refresh(store, clock)?;
            shop::overview(store)?.ok_or(Error::NoValueAnalysis)
        };

    /// A chart as SVG text, for the screen.
    value_chart(chart: ChartKind) -> String
        => |store, clock, lang| {
            let svg = shop::chart(store, chart, ChartFormat::Svg, clock.today(), lang)?;
            super::svg_text(svg)
        };

    value_settings_get() -> ValueSettingsInput
        => |store, _clock, lang| shop::settings_input(store, lang);

    /// Checks and keeps the settings; they count from the next analysis.
    value_settings_save(settings: ValueSettingsInput) -> ()
        => |store, clock| shop::save_settings_input(store, &settings, clock);

    /// A customer's value from the last analysis (`None`: not analysed or no purchases).
    customer_value(id: CustomerId) -> Option<CustomerValue>
        => |store| shop::customer_value(store, id);

    /// Sets the owner's estimate of what more the customer could buy a year, as typed
    /// ("1.200" or "1.200,50" euros; empty removes it).
    /// The owner's estimate of a customer's further potential as its field shows it.
    customer_potential_input(id: CustomerId) -> String
        => |store, _clock, lang| shop::extra_potential_input(store, id, lang);

    customer_set_potential(id: CustomerId, amount: String) -> ()
        => |store, clock| shop::set_extra_potential(store, id, &amount, clock);

    /// The owner's score criteria.
    indicators_list() -> Vec<Indicator>
        => |store| indicators::list(store);

    /// Adds a criterion (`id` none) or changes one.
    indicators_save(id: Option<IndicatorId>, name: String, weight: String) -> Indicator
        => |store, clock| indicators::save(store, id, &name, &weight, clock);

    /// Removes a criterion and every mark on it.
    indicators_delete(id: IndicatorId) -> ()
        => |store| indicators::delete(store, id);

    /// Every criterion with this customer's mark.
    customer_indicators(id: CustomerId) -> Vec<CustomerIndicator>
        => |store| indicators::of_customer(store, id);

    /// Sets (1–5) or removes (`None`) a customer's mark on a criterion.
    customer_indicator_set(id: CustomerId, indicator: IndicatorId, value: Option<u8>) -> ()
        => |store| indicators::set(store, id, indicator, value);
}

//! What the owner sets about the value analysis (horizon, ABC, matrix lines, score
//! weights), as typed on the screen and as kept.

use super::*;

/// What the owner can set about the value analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct ValueSettings {
    pub horizon: Horizon,
    pub abc: AbcThresholds,
    /// The ABC analysis counts revenue of this many months back from today (1–120).
    pub abc_months: u32,
    /// The matrix's dividing lines; `None`: the medians.
    pub bounds: Option<MatrixBounds>,
    pub weights: ScoreWeights,
}

impl Default for ValueSettings {
    fn default() -> Self {
        ValueSettings {
            horizon: Horizon::default(),
            abc: AbcThresholds::default(),
            abc_months: 12,
            bounds: None,
            weights: ScoreWeights::default(),
        }
    }
}

pub(super) const SETTINGS_KEY: &str = "value.settings";

/// The settings key of the last fitted model (JSON).
pub(crate) const MODEL_KEY: &str = "value.model";

/// The score weights as the settings screen edits them (decimals as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WeightsInput {
    pub revenue: String,
    pub potential: String,
    pub frequency: String,
    pub recency: String,
    pub closeness: String,
    pub satisfaction: String,
}

/// The value settings as the screen edits them: every number as typed, the discount rate
/// and the ABC shares in percent, the matrix lines in euros.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ValueSettingsInput {
    pub years: String,
    pub discount: String,
    pub a: String,
    pub b: String,
    pub months: String,
    /// The owner's own matrix lines (else the medians).
    pub own_bounds: bool,
    pub revenue: String,
    pub potential: String,
    pub weights: WeightsInput,
}

impl ValueSettingsInput {
    /// Reads every number and checks the settings; the errors name the field.
    pub fn parse(&self) -> Result<ValueSettings> {
        let mut check = Checker::new();
        let years = check.whole(Field::HorizonYears, &self.years, 1, 20);
        if self.years.trim().is_empty() {
            check.fail(Field::HorizonYears, Issue::Required);
        }
        let discount = check.decimal(Field::DiscountRate, &self.discount, 2);
        let a = check.decimal(Field::AbcThresholds, &self.a, 2);
        let b = check.decimal(Field::AbcThresholds, &self.b, 2);
        let months = check.whole(Field::AbcMonths, &self.months, 1, 120);
        if self.months.trim().is_empty() {
            check.fail(Field::AbcMonths, Issue::Required);
        }
        let bounds = self.own_bounds.then(|| MatrixBounds {
            revenue: check.cents(Field::MatrixBounds, &self.revenue, None),
            potential: check.cents(Field::MatrixBounds, &self.potential, None),
        });
        let w = &self.weights;
        let mut weight = |text: &str| check.decimal(Field::ScoreWeights, text, 3).unwrap_or(0.0);
        let weights = ScoreWeights {
            revenue: weight(&w.revenue),
            potential: weight(&w.potential),
            frequency: weight(&w.frequency),
            recency: weight(&w.recency),
            closeness: weight(&w.closeness),
            satisfaction: weight(&w.satisfaction),
        };
        let settings = ValueSettings {
            horizon: Horizon {
                years: years.and_then(|y| u32::try_from(y).ok()).unwrap_or(0),
                discount_rate: discount.map_or(-1.0, |d| d / 100.0),
            },
            abc: AbcThresholds {
                a: a.unwrap_or(0.0),
                b: b.unwrap_or(0.0),
            },
            abc_months: months.and_then(|m| u32::try_from(m).ok()).unwrap_or(0),
            bounds,
            weights,
        };
        let mut errors = check.finish(|| ()).err().unwrap_or_default();
        if let Err(Error::Validation(more)) = settings.validate() {
            errors.extend(more);
        }
        // One message per field: the first (a value that did not read) tells most.
        let mut named = Vec::new();
        errors.retain(|e| {
            let first = !named.contains(&e.field);
            named.push(e.field);
            first
        });
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

impl ValueSettings {
    /// The settings ready for the screen to edit, numbers written in `lang`.
    pub fn input(&self, lang: Lang) -> ValueSettingsInput {
        let decimal = |v: f64| crate::money::decimal_text(v, lang);
        let w = self.weights;
        ValueSettingsInput {
            years: self.horizon.years.to_string(),
            discount: decimal(self.horizon.discount_rate * 100.0),
            a: decimal(self.abc.a),
            b: decimal(self.abc.b),
            months: self.abc_months.to_string(),
            own_bounds: self.bounds.is_some(),
            revenue: self
                .bounds
                .map(|b| crate::money::cents_text(b.revenue, lang))
                .unwrap_or_default(),
            potential: self
                .bounds
                .map(|b| crate::money::cents_text(b.potential, lang))
                .unwrap_or_default(),
            weights: WeightsInput {
                revenue: decimal(w.revenue),
                potential: decimal(w.potential),
                frequency: decimal(w.frequency),
                recency: decimal(w.recency),
                closeness: decimal(w.closeness),
                satisfaction: decimal(w.satisfaction),
            },
        }
    }

    /// Checks every number; the errors name the field.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if !(1..=20).contains(&self.horizon.years) {
            errors.push(FieldError::new(
                Field::HorizonYears,
                Issue::OutOfRange { min: 1, max: 20 },
            ));
        }
        if !(0.0..=1.0).contains(&self.horizon.discount_rate) {
            errors.push(FieldError::new(
                Field::DiscountRate,
                Issue::OutOfRange { min: 0, max: 100 },
            ));
        }
        let AbcThresholds { a, b } = self.abc;
        if !(a > 0.0 && a < b && b <= 100.0) {
            errors.push(FieldError::new(Field::AbcThresholds, Issue::Invalid));
        }
        if !(1..=120).contains(&self.abc_months) {
            errors.push(FieldError::new(
                Field::AbcMonths,
                Issue::OutOfRange { min: 1, max: 120 },
            ));
        }
        if self
            .bounds
            .is_some_and(|b| b.revenue < 0 || b.potential < 0)
        {
            errors.push(FieldError::new(Field::MatrixBounds, Issue::Invalid));
        }
        let w = self.weights;
        let all = [
            w.revenue,
            w.potential,
            w.frequency,
            w.recency,
            w.closeness,
            w.satisfaction,
        ];
        if all.iter().any(|w| !(0.0..=1000.0).contains(w)) || all.iter().sum::<f64>() <= 0.0 {
            errors.push(FieldError::new(Field::ScoreWeights, Issue::Invalid));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// The owner's settings (the defaults until changed).
pub fn settings(store: &Store) -> Result<ValueSettings> {
    store.setting_or_default(SETTINGS_KEY)
}

/// The settings ready for the settings screen, numbers written in `lang`.
pub fn settings_input(store: &Store, lang: Lang) -> Result<ValueSettingsInput> {
    Ok(settings(store)?.input(lang))
}

/// Reads what the settings screen sent, checks it and keeps it.
pub fn save_settings_input(
    store: &mut Store,
    input: &ValueSettingsInput,
    clock: &crate::Clock,
) -> Result<()> {
    save_settings(store, &input.parse()?, clock)
}

/// Checks and keeps the settings; they apply at the next [`refresh`].
pub fn save_settings(
    store: &mut Store,
    settings: &ValueSettings,
    clock: &crate::Clock,
) -> Result<()> {
    settings.validate()?;
    crate::settings::save_json(store, SETTINGS_KEY, settings, clock)
}

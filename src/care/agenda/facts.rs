//! What the agenda is made from: each customer's care-relevant facts, last contacts,
//! contact persons' birthdays, recent purchases, open next steps and the moment.

use super::*;

/// A mark on an item: done on a day, or put off until a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mark {
    pub done_on: Option<NaiveDate>,
    pub snoozed_until: Option<NaiveDate>,
}

/// What the agenda knows of a customer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CareCustomer {
    pub id: CustomerId,
    pub name: String,
    pub birthday: Option<PartialDate>,
    pub partner_name: String,
    pub partner_birthday: Option<PartialDate>,
    /// Name, relation, birthday.
    pub relations: Vec<(String, String, Option<PartialDate>)>,
    pub preferred_channels: Vec<Channel>,
    pub quiet_times: Vec<QuietTime>,
    pub peak_months: Vec<u8>,
    pub closeness: Option<u8>,
    pub quadrant: Option<Quadrant>,
    pub abc: Option<Abc>,
    pub phase: Option<crate::value::segments::Phase>,
    pub tags: Vec<String>,
    /// Customer since (or the day the record was made): plan contacts count from here
    /// when there was none yet.
    pub since: NaiveDate,
    pub last_contacts: LastContacts,
    pub value_cents: i64,
    /// From the last value analysis (for the early warning).
    pub p_alive: Option<f64>,
    pub revenue_12m_cents: i64,
    /// The latest consent per channel (advertising follows it).
    pub consents: crate::privacy::Consents,
    /// Who looks after the customer ("Betreut von"): the owner of items no one else was
    /// given.
    pub employee: Option<crate::employees::EmployeeId>,
    /// Open complaints (they lift personal measures of the next step).
    pub open_complaints: u32,
}

impl CareCustomer {
    pub fn last_contact(&self, channel: Channel) -> Option<NaiveDate> {
        self.last_contacts.get(channel)
    }

    /// The latest contact on any channel.
    pub fn last_any_contact(&self) -> Option<NaiveDate> {
        self.last_contacts.latest()
    }

    /// Whether a birthday greeting may go out: a very close customer is visited; anyone
    /// else needs a channel their consent allows (a greeting is advertising).
    pub fn may_greet(&self) -> bool {
        self.closeness == Some(5)
            || [
                Channel::Letter,
                Channel::Email,
                Channel::Messenger,
                Channel::Phone,
            ]
            .into_iter()
            .any(|ch| self.consents.allows_contact(ch))
    }

    /// What the next step's ranking looks at (the agenda knows no loyalty tier).
    pub fn situation(&self) -> crate::care::next::Situation {
        crate::care::next::Situation {
            quadrant: self.quadrant,
            phase: self.phase,
            abc: self.abc,
            open_complaints: self.open_complaints,
            tier: None,
            consents: Some(self.consents),
        }
    }

    /// Whether advertising may reach the customer on any channel (a new product's news).
    pub fn may_advertise(&self) -> bool {
        [
            Channel::Email,
            Channel::Letter,
            Channel::Messenger,
            Channel::Phone,
        ]
        .into_iter()
        .any(|ch| self.consents.allows_contact(ch))
    }

    pub(super) fn in_peak_season(&self, today: NaiveDate) -> bool {
        self.peak_months.contains(&(today.month() as u8))
    }
}

/// A customer's latest contact per channel (no allocation per customer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LastContacts([Option<NaiveDate>; Channel::ALL.len()]);

impl LastContacts {
    pub fn get(&self, channel: Channel) -> Option<NaiveDate> {
        self.0[channel as usize]
    }

    /// Notes a contact; the later day stays.
    pub fn note(&mut self, channel: Channel, day: NaiveDate) {
        let slot = &mut self.0[channel as usize];
        *slot = (*slot).max(Some(day));
    }

    pub fn latest(&self) -> Option<NaiveDate> {
        self.0.iter().flatten().max().copied()
    }

    pub fn clear(&mut self) {
        self.0 = Default::default();
    }
}

impl FromIterator<(Channel, NaiveDate)> for LastContacts {
    fn from_iter<I: IntoIterator<Item = (Channel, NaiveDate)>>(iter: I) -> Self {
        let mut out = LastContacts::default();
        for (channel, day) in iter {
            out.note(channel, day);
        }
        out
    }
}

/// A contact person's birthday.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactBirthday {
    pub customer: CustomerId,
    pub contact: i64,
    pub name: String,
    pub role: String,
    pub birthday: PartialDate,
}

/// A purchase that may call for a follow-up.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentPurchase {
    pub id: TransactionId,
    pub customer: CustomerId,
    pub date: NaiveDate,
    pub product: String,
    pub paid_cents: i64,
}

/// A next step from an interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenStep {
    pub interaction: InteractionId,
    pub customer: CustomerId,
    pub at: NaiveDate,
    pub step: String,
    pub due: NaiveDate,
    /// Who promised it.
    pub employee: Option<crate::employees::EmployeeId>,
}

/// Everything the agenda is made from.
#[derive(Debug, Clone, Default)]
pub struct AgendaFacts {
    /// Active customers (the lost and the trashed are not on the agenda).
    pub customers: Vec<CareCustomer>,
    pub contacts: Vec<ContactBirthday>,
    pub purchases: Vec<RecentPurchase>,
    pub steps: Vec<OpenStep>,
    pub rules: Vec<PlanRule>,
    pub measures: HashMap<i64, String>,
    pub marks: HashMap<String, Mark>,
    /// The catalogue of measures (the next step chooses from it).
    pub catalogue: Vec<crate::care::plan::Measure>,
    /// Every event of the next step, in the order they happened.
    pub step_events: Vec<crate::care::next::StepEvent>,
    /// The day of the last value analysis (suggested steps are due from it).
    pub analysed_on: Option<NaiveDate>,
    /// Employees' names, for the items' owners.
    pub employees: HashMap<crate::employees::EmployeeId, String>,
    /// Customers who should hear of a new product (of those new today), and why.
    pub news: Vec<NewsItem>,
}

/// A customer who should hear of a new product.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsItem {
    pub customer: CustomerId,
    pub product: crate::care::news::NewProductId,
    pub name: String,
    pub text: String,
    pub new_since: NaiveDate,
    pub reason: crate::care::news::NewsReason,
}

/// The moment the agenda is made for: the shop's local day and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub today: NaiveDate,
    pub time: NaiveTime,
}

impl Now {
    pub fn weekday(self) -> Weekday {
        self.today.weekday()
    }
}

//! The first step of the agenda: cheap candidates from narrow reads of every customer
//! (birthdays, follow-ups, plan contacts, next steps), ordered before anything is named.

use super::*;

/// Whether a plan rule applies to a customer.
pub fn rule_applies(rule: &PlanRule, c: &CareCustomer) -> bool {
    rule.quadrant.is_none_or(|q| c.quadrant == Some(q))
        && rule.abc.is_none_or(|a| c.abc == Some(a))
        && rule
            .tag
            .as_deref()
            .is_none_or(|t| c.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        // The plan's contacts are advertising: only on a channel the consent allows.
        && c.consents.allows_contact(rule.channel)
}

/// The rules that apply to a customer, one per channel (the most frequent wins).
pub fn rules_for<'a>(
    rules: &'a [PlanRule],
    c: &CareCustomer,
) -> impl Iterator<Item = &'a PlanRule> + use<'a> {
    let mut chosen: [Option<&PlanRule>; Channel::ALL.len()] = Default::default();
    for rule in rules.iter().filter(|r| rule_applies(r, c)) {
        let slot = &mut chosen[rule.channel as usize];
        if slot.is_none_or(|existing| rule.every_days < existing.every_days) {
            *slot = Some(rule);
        }
    }
    chosen.into_iter().flatten()
}

/// Customers by id without hashing: ids sorted once, then a binary search.
#[derive(Debug)]
pub struct Lookup<'a> {
    customers: &'a [CareCustomer],
    order: Vec<(CustomerId, usize)>,
}

impl<'a> Lookup<'a> {
    pub fn new(customers: &'a [CareCustomer]) -> Self {
        let mut order: Vec<(CustomerId, usize)> = customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        order.sort_unstable();
        Lookup { customers, order }
    }

    pub fn get(&self, id: CustomerId) -> Option<&'a CareCustomer> {
        let i = self.order.binary_search_by_key(&id, |(c, _)| *c).ok()?;
        Some(&self.customers[self.order[i].1])
    }
}

/// Whose birthday, before names are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    Customer,
    Partner,
    Relation(u32),
    /// Index into [`AgendaFacts::contacts`].
    Contact(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    Birthday {
        who: Who,
        birthday: PartialDate,
    },
    /// Index into [`AgendaFacts::purchases`].
    FollowUp(usize),
    /// Index into [`AgendaFacts::rules`].
    Plan {
        rule: usize,
        last: Option<NaiveDate>,
    },
    /// Index into [`AgendaFacts::steps`].
    Step(usize),
    /// The next step the table suggests: index into [`AgendaFacts::catalogue`].
    Suggested(usize),
    /// A measure assigned: index into [`AgendaFacts::step_events`].
    Assigned(usize),
    /// A new product: index into [`AgendaFacts::news`].
    News(usize),
}

/// An item before it is worded: enough to count, order and choose what is shown. Names,
/// channels and quiet times are read only for the items shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub key: ItemKey,
    pub customer: CustomerId,
    pub due: NaiveDate,
    pub value_cents: i64,
    /// Whose task it is (see [`AgendaItem::owner`]).
    pub owner: Option<crate::employees::EmployeeId>,
    pub(super) source: Source,
}

impl Candidate {
    /// Days past due on `today` (negative: still ahead).
    pub fn overdue_days(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days()
    }

    /// The follow-up's purchase, for reading its product.
    pub fn purchase<'a>(&self, facts: &'a AgendaFacts) -> Option<&'a RecentPurchase> {
        match self.source {
            Source::FollowUp(i) => facts.purchases.get(i),
            _ => None,
        }
    }
}

/// Every item due from `today` to `settings.week_days` ahead (birthdays to
/// `settings.birthday_days`) that is not done or put off, in no particular order (see
/// [`first_in_order`]).
pub fn candidates(
    facts: &AgendaFacts,
    settings: &CareSettings,
    today: NaiveDate,
) -> Vec<Candidate> {
    let horizon = today + Duration::days(i64::from(settings.week_days));
    let birthday_horizon = today + Duration::days(i64::from(settings.birthday_days));
    let by_id = Lookup::new(&facts.customers);
    let marks: HashMap<ItemKey, Mark> = facts
        .marks
        .iter()
        .filter_map(|(k, m)| Some((k.parse().ok()?, *m)))
        .collect();
    // No marks (a shop that never used done / later): nothing to look up per item.
    let visible = |key: &ItemKey| match (!marks.is_empty()).then(|| marks.get(key)).flatten() {
        Some(m) if m.done_on.is_some() => false,
        Some(m) => m.snoozed_until.is_none_or(|until| until <= today),
        None => true,
    };
    let mut out = Vec::new();
    let mut push = |c: &CareCustomer, key: ItemKey, due: NaiveDate, source: Source| {
        if visible(&key) {
            let owner = match source {
                Source::Plan { rule, .. } => facts.rules[rule]
                    .measure
                    .and_then(|m| facts.catalogue.iter().find(|x| x.id == m))
                    .and_then(|m| m.employee_id),
                Source::Step(i) => facts.steps[i].employee,
                Source::Suggested(i) => facts.catalogue[i].employee_id,
                Source::Assigned(i) => facts.step_events[i].assignee,
                Source::Birthday { .. } | Source::FollowUp(_) | Source::News(_) => None,
            };
            out.push(Candidate {
                key,
                customer: c.id,
                due,
                value_cents: c.value_cents,
                owner: owner.or(c.employee),
                source,
            });
        }
    };

    // Birthdays: the window starts a little in the past for belated wishes.
    let birthday_on = |date: PartialDate| -> Option<NaiveDate> {
        let date = date.next_on_or_after(today - Duration::days(BIRTHDAY_GRACE_DAYS))?;
        (date <= birthday_horizon).then_some(date)
    };
    for c in facts.customers.iter().filter(|c| c.may_greet()) {
        let relations = c
            .relations
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, b))| Some((Who::Relation(i as u32), (*b)?)));
        let people = [
            c.birthday.map(|b| (Who::Customer, b)),
            c.partner_birthday.map(|b| (Who::Partner, b)),
        ]
        .into_iter()
        .flatten()
        .chain(relations);
        for (who, birthday) in people {
            if let Some(on) = birthday_on(birthday) {
                let person = match who {
                    Who::Customer => "self".to_owned(),
                    Who::Partner => "partner".to_owned(),
                    Who::Relation(i) => format!("relation-{i}"),
                    Who::Contact(_) => unreachable!("contacts come below"),
                };
                let key = ItemKey::Birthday {
                    customer: c.id,
                    person,
                    date: on,
                };
                push(c, key, on, Source::Birthday { who, birthday });
            }
        }
    }
    for (i, contact) in facts.contacts.iter().enumerate() {
        let (Some(c), Some(on)) = (by_id.get(contact.customer), birthday_on(contact.birthday))
        else {
            continue;
        };
        if !c.may_greet() {
            continue;
        }
        let key = ItemKey::Birthday {
            customer: c.id,
            person: format!("contact-{}", contact.contact),
            date: on,
        };
        let source = Source::Birthday {
            who: Who::Contact(i),
            birthday: contact.birthday,
        };
        push(c, key, on, source);
    }

    // Follow-up calls a few days after a purchase worth one.
    for (i, p) in facts.purchases.iter().enumerate() {
        let due = p.date + Duration::days(i64::from(settings.follow_up_days));
        let Some(c) = by_id.get(p.customer) else {
            continue;
        };
        if p.paid_cents < settings.follow_up_min_cents
            || due > horizon
            || (today - due).num_days() > FOLLOW_UP_GRACE_DAYS
            // Somebody spoke to the customer since: no separate follow-up call.
            || c.last_contact(Channel::Phone).is_some_and(|d| d > p.date)
            || c.last_contact(Channel::Visit).is_some_and(|d| d > p.date)
        {
            continue;
        }
        let key = ItemKey::FollowUp {
            customer: c.id,
            purchase: p.id,
        };
        push(c, key, due, Source::FollowUp(i));
    }

    // The communication plan.
    let mut plan_done: HashMap<(CustomerId, PlanRuleId), NaiveDate> = HashMap::new();
    for (key, mark) in &marks {
        if let (ItemKey::Plan { customer, rule, .. }, Some(done)) = (key, mark.done_on) {
            let entry = plan_done.entry((*customer, *rule)).or_insert(done);
            *entry = (*entry).max(done);
        }
    }
    let index_of: HashMap<PlanRuleId, usize> = facts
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    for c in &facts.customers {
        for rule in rules_for(&facts.rules, c) {
            let last = c.last_contact(rule.channel);
            let every = Duration::days(i64::from(rule.every_days));
            let due = match [last, plan_done.get(&(c.id, rule.id)).copied()]
                .into_iter()
                .flatten()
                .max()
            {
                // Nothing is due from before the plan line applied.
                Some(base) => (base.max(c.since) + every).max(rule.starts_on),
                // Never contacted: due one interval after becoming a customer, but not
                // before the plan line applies.
                None => (c.since + every).max(rule.starts_on),
            };
            // No calls or visits in the customer's peak season: the plan waits.
            if due > horizon || (intrusive(rule.channel) && c.in_peak_season(today)) {
                continue;
            }
            let key = ItemKey::Plan {
                customer: c.id,
                rule: rule.id,
                due,
            };
            let source = Source::Plan {
                rule: index_of[&rule.id],
                last,
            };
            push(c, key, due, source);
        }
    }

    // Next steps promised in interactions.
    for (i, step) in facts.steps.iter().enumerate() {
        let Some(c) = by_id.get(step.customer) else {
            continue;
        };
        if step.due > horizon {
            continue;
        }
        let key = ItemKey::NextStep {
            customer: c.id,
            interaction: step.interaction,
        };
        push(c, key, step.due, Source::Step(i));
    }

    // New products, for those who may hear of them (it is advertising).
    for (i, n) in facts.news.iter().enumerate() {
        let Some(c) = by_id.get(n.customer) else {
            continue;
        };
        if n.new_since > horizon || !c.may_advertise() {
            continue;
        }
        let key = ItemKey::News {
            customer: c.id,
            product: n.product,
        };
        push(c, key, n.new_since, Source::News(i));
    }

    // The next step ★: measures assigned, and where the table says so, the best one.
    let mut events: HashMap<CustomerId, Vec<usize>> = HashMap::new();
    for (i, e) in facts.step_events.iter().enumerate() {
        events.entry(e.customer).or_default().push(i);
    }
    let catalogue_index: HashMap<crate::care::plan::MeasureId, usize> = facts
        .catalogue
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    let no_events = Vec::new();
    type SituationKey = (Quadrant, crate::value::segments::Phase, bool, bool, u32);
    let mut best_for: HashMap<SituationKey, Option<usize>> = HashMap::new();
    for c in &facts.customers {
        let mine = events.get(&c.id).unwrap_or(&no_events);
        let (assigned, paused) = if mine.is_empty() {
            (Vec::new(), false)
        } else {
            let state = crate::care::next::state_of(
                mine.iter().map(|&i| &facts.step_events[i]),
                c.quadrant,
                c.phase,
                today,
            );
            let at = |e: &crate::care::next::StepEvent| {
                mine.iter()
                    .copied()
                    .find(|&i| facts.step_events[i].id == e.id)
            };
            (
                state.assigned.iter().filter_map(|e| at(e)).collect(),
                state.paused,
            )
        };
        for &i in &assigned {
            let e = &facts.step_events[i];
            let (Some(measure), due) = (e.measure, e.due_on.unwrap_or(e.at.date())) else {
                continue;
            };
            if due <= horizon {
                let key = ItemKey::Measure {
                    customer: c.id,
                    measure,
                };
                push(c, key, due, Source::Assigned(i));
            }
        }
        if !assigned.is_empty() || paused {
            continue;
        }
        let (Some(q), Some(p), Some(analysed)) = (c.quadrant, c.phase, facts.analysed_on) else {
            continue;
        };
        let Some(due) =
            crate::care::next::due_by_table(crate::care::next::rule_for(q, p), analysed)
        else {
            continue;
        };
        if due > horizon {
            continue;
        }
        // Customers in the same situation get the same best measure: ranked once per
        // field, phase, class A or not, complaint or not and the channels allowed.
        let allowed = Channel::ALL
            .iter()
            .enumerate()
            .filter(|(_, ch)| c.consents.allows_contact(**ch))
            .fold(0u32, |bits, (i, _)| bits | (1 << i));
        let situation_key = (q, p, c.abc == Some(Abc::A), c.open_complaints > 0, allowed);
        let best = *best_for.entry(situation_key).or_insert_with(|| {
            crate::care::next::suggest(&c.situation(), &facts.catalogue)
                .first()
                .map(|best| catalogue_index[&best.measure])
        });
        if let Some(i) = best {
            let key = ItemKey::Measure {
                customer: c.id,
                measure: facts.catalogue[i].id,
            };
            push(c, key, due, Source::Suggested(i));
        }
    }

    out
}

/// Most overdue first, then the most valuable customer.
pub(super) fn order(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    a.due
        .cmp(&b.due)
        .then(b.value_cents.cmp(&a.value_cents))
        .then(a.customer.cmp(&b.customer))
        .then(a.key.cmp(&b.key))
}

/// The first `n` of `candidates` in order (the rest unordered behind them): cheaper than
/// sorting them all when only a page is shown.
pub fn first_in_order(candidates: &mut [Candidate], n: usize) {
    if n == 0 || n >= candidates.len() {
        candidates.sort_unstable_by(order);
        return;
    }
    candidates.select_nth_unstable_by(n - 1, order);
    candidates[..n].sort_unstable_by(order);
}

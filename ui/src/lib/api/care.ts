/** The care plan: agenda, early warning, measures and plan, lost customers, greetings and labels. */
import { commands } from './bindings';
import { unwrap } from './call';
import type {
	AssignStepInput,
	CareSettingsInput,
	EmployeeId,
	ComplaintFilter,
	CustomerId,
	InteractionId,
	InteractionInput,
	LabelSheet,
	LossInput,
	LostReasonId,
	MeasureId,
	MeasureInput,
	NewProductId,
	NewProductInput,
	PlanRuleId,
	PlanRuleInput,
	Purpose,
	ReachBy
} from './types';

export const careApi = {
	agenda: (limit: number) => unwrap(commands.careAgenda(limit)),
	/** One employee's agenda ("meine Aufgaben"): the items they own. */
	agendaOf: (employee: EmployeeId, limit: number) => unwrap(commands.careAgendaOf(employee, limit)),
	/** The next step on a customer's page: fitting measures ranked, steps assigned. */
	nextSteps: (customer: CustomerId) => unwrap(commands.nextStepsGet(customer)),
	assignStep: (customer: CustomerId, measure: MeasureId, input: AssignStepInput) =>
		unwrap(commands.nextStepAssign(customer, measure, input)),
	stepDone: (customer: CustomerId, measure: MeasureId, note = '') =>
		unwrap(commands.nextStepDone(customer, measure, note)),
	stepNotNow: (customer: CustomerId, measure: MeasureId, days: number, note = '') =>
		unwrap(commands.nextStepNotNow(customer, measure, days, note)),
	agendaDone: (key: string) => unwrap(commands.careDone(key)),
	/** Puts an item off by `days`; resolves with the day it comes back. */
	agendaSnooze: (key: string, days: number) => unwrap(commands.careSnooze(key, days)),
	agendaUnmark: (key: string) => unwrap(commands.careUnmark(key)),
	agendaLog: (key: string, input: InteractionInput) => unwrap(commands.careLog(key, input)),
	warnings: (limit: number) => unwrap(commands.careWarnings(limit)),
	resolveComplaint: (id: InteractionId) => unwrap(commands.complaintResolve(id)),
	careSettings: () => unwrap(commands.careSettingsGet()),
	saveCareSettings: (settings: CareSettingsInput) => unwrap(commands.careSettingsSave(settings)),
	measures: () => unwrap(commands.measuresList()),
	/** What a measure's edit form starts from (the cost as the user's language writes it). */
	measureForm: (id: MeasureId) => unwrap(commands.measureForm(id)),
	saveMeasure: (id: MeasureId | null, input: MeasureInput) =>
		unwrap(commands.measureSave(id, input)),
	deleteMeasure: (id: MeasureId) => unwrap(commands.measureDelete(id)),
	/** The new products with how many customers hear of each. */
	newProducts: () => unwrap(commands.newProductsList()),
	newProductForm: (id: NewProductId) => unwrap(commands.newProductForm(id)),
	saveNewProduct: (id: NewProductId | null, input: NewProductInput) =>
		unwrap(commands.newProductSave(id, input)),
	deleteNewProduct: (id: NewProductId) => unwrap(commands.newProductDelete(id)),
	plan: () => unwrap(commands.planList()),
	savePlanRule: (id: PlanRuleId | null, input: PlanRuleInput) =>
		unwrap(commands.planSave(id, input)),
	deletePlanRule: (id: PlanRuleId) => unwrap(commands.planDelete(id)),
	lostReasons: () => unwrap(commands.lostReasons()),
	saveLostReason: (id: LostReasonId | null, name: string) =>
		unwrap(commands.lostReasonSave(id, name)),
	deleteLostReason: (id: LostReasonId) => unwrap(commands.lostReasonDelete(id)),
	markLost: (id: CustomerId, input: LossInput) => unwrap(commands.customerMarkLost(id, input)),
	reactivate: (id: CustomerId) => unwrap(commands.customerReactivate(id)),
	winback: (id: CustomerId, input: InteractionInput) => unwrap(commands.customerWinback(id, input)),
	losses: (customer: CustomerId | null) => unwrap(commands.lossesList(customer)),
	lostStats: (quarters: number) => unwrap(commands.lostStats(quarters)),
	lostChart: (quarters: number) => unwrap(commands.lostChart(quarters)),
	greetingList: (year: number, month: number) => unwrap(commands.greetingList(year, month)),
	saveGreetingList: (year: number, month: number) => unwrap(commands.greetingListSave(year, month)),
	/** Opens a call, an e-mail or WhatsApp to the customer (the OS's program); the link
	 * and what to log. */
	openContact: (customer: CustomerId, by: ReachBy, purpose: Purpose) =>
		unwrap(commands.contactOpen(customer, by, purpose)),
	/** The shop's complaints, the longest waiting first. */
	complaintsShop: (filter: ComplaintFilter) => unwrap(commands.complaintsShop(filter)),
	/** The shop's dates as an .ics file where the user picks; the path, or null. */
	saveCalendar: (birthdays = true, agenda = true) =>
		unwrap(commands.calendarSave({ birthdays, agenda })),
	/** The month's labels placed on `sheet`, sheet by sheet. */
	labelPresets: () => unwrap(commands.labelPresets()),
	labelSheet: () => unwrap(commands.labelSheetGet()),
	saveLabelSheet: (sheet: LabelSheet) => unwrap(commands.labelSheetSave(sheet))
};

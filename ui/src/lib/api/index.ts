/**
 * The UI's one door to the backend. Components call these functions; only this folder
 * talks to Tauri. Each function resolves with the data or throws an {@link ApiError}
 * carrying the backend's `{ code, message, fields }`, already in the user's language.
 */
import {
	commands,
	type AppStatus_Serialize as AppStatus,
	type Customer_Serialize as Customer,
	type CustomerId,
	type CustomerInput_Serialize as CustomerInput,
	type CustomerPage_Serialize as CustomerPage,
	type ErrorCode,
	type ErrorReport,
	type Field,
	type FieldMessage,
	type Lang,
	type LanguageChoice,
	type ListCursor,
	type TimelineCursor,
	type TimelinePage_Serialize as TimelinePage,
	type TimelineEntry_Serialize as TimelineEntry,
	type TransactionInput_Serialize as TransactionInput,
	type InteractionInput_Serialize as InteractionInput,
	type ContactId,
	type ContactInput_Serialize as ContactInput,
	type Contact_Serialize as Contact,
	type CustomerDetails_Serialize as CustomerDetails,
	type CustomerFilter_Serialize as CustomerFilter,
	type Employee,
	type EmployeeId,
	type SavedFilter_Serialize as SavedFilter,
	type ContactChannel,
	type MergeField,
	type MergeId,
	type ImportField,
	type ImportOptions,
	type ImportProgress,
	type ExportFormat,
	type ValueOverview_Serialize as ValueOverview,
	type ValueSettings,
	type CustomerValue_Serialize as CustomerValue,
	type ChartKind,
	type ChartFormat,
	type Quadrant,
	type Abc,
	type Phase,
	type Group as ValueGroup,
	type Indicator,
	type IndicatorId,
	type CustomerIndicator,
	type Agenda_Serialize as Agenda,
	type AgendaItem_Serialize as AgendaItem,
	type Occasion_Serialize as Occasion,
	type Suggestion_Serialize as Suggestion,
	type Hint,
	type Greeting,
	type Warnings_Serialize as Warnings,
	type AtRisk_Serialize as AtRisk,
	type RiskReason_Serialize as RiskReason,
	type CareSettings_Serialize as CareSettings,
	type Measure_Serialize as Measure,
	type MeasureId,
	type MeasureInput_Serialize as MeasureInput,
	type PlanRule_Serialize as PlanRule,
	type PlanRuleId,
	type PlanRuleInput_Serialize as PlanRuleInput,
	type LostReason,
	type LostReasonId,
	type LossInput_Serialize as LossInput,
	type Loss_Serialize as Loss,
	type LostStats_Serialize as LostStats,
	type GreetingEntry_Serialize as GreetingEntry,
	type LabelSheet_Serialize as LabelSheet,
	type Account_Serialize as Account,
	type Card,
	type CorrectionInput_Serialize as CorrectionInput,
	type CounterHit_Serialize as CounterHit,
	type Coupon_Serialize as Coupon,
	type CouponInput_Serialize as CouponInput,
	type HistoryEntry_Serialize as HistoryEntry,
	type Member,
	type MonthFigures,
	type ProgramReport_Serialize as ProgramReport,
	type ProgramSettings_Serialize as ProgramSettings,
	type RedeemInput_Serialize as RedeemInput,
	type Reward_Serialize as Reward,
	type RewardInput_Serialize as RewardInput,
	type Tier,
	type RewardKind,
	type EntryKind,
	type BonusKind,
	type TierBasis,
	type Rounding,
	type RewardId,
	type TransactionId,
	type InteractionId,
	type SurveyTemplate_Serialize as SurveyTemplate,
	type Template_Serialize as SurveyDefinition,
	type Question_Serialize as Question,
	type QuestionKind_Serialize as QuestionKind,
	type Text_Serialize as BilingualText,
	type Answer,
	type Results_Serialize as SurveyResults,
	type QuestionResult_Serialize as QuestionResult,
	type MonthResult_Serialize as MonthResult,
	type RatingStyle,
	type Comment_Serialize as SurveyComment,
	type KioskView_Serialize as KioskView,
	type KioskSettings,
	type KioskSettingsInput_Serialize as KioskSettingsInput,
	type Complaint_Serialize as Complaint,
	type ComplaintInput_Serialize as ComplaintInput,
	type ComplaintStatus,
	type TimelineResponse_Serialize as TimelineResponse
} from './bindings';
import { Channel } from '@tauri-apps/api/core';

export type {
	SurveyTemplate,
	SurveyDefinition,
	Question,
	QuestionKind,
	BilingualText,
	Answer,
	SurveyResults,
	QuestionResult,
	MonthResult,
	RatingStyle,
	SurveyComment,
	KioskView,
	KioskSettings,
	KioskSettingsInput,
	Complaint,
	ComplaintInput,
	ComplaintStatus,
	TimelineResponse,
	Account,
	Card,
	CorrectionInput,
	CounterHit,
	Coupon,
	CouponInput,
	HistoryEntry,
	Member,
	MonthFigures,
	ProgramReport,
	ProgramSettings,
	RedeemInput,
	Reward,
	RewardInput,
	Tier,
	RewardKind,
	EntryKind,
	BonusKind,
	TierBasis,
	Rounding,
	RewardId,
	TransactionId,
	Agenda,
	AgendaItem,
	Occasion,
	Suggestion,
	Hint,
	Greeting,
	Warnings,
	AtRisk,
	RiskReason,
	CareSettings,
	Measure,
	MeasureId,
	MeasureInput,
	PlanRule,
	PlanRuleId,
	PlanRuleInput,
	LostReason,
	LostReasonId,
	LossInput,
	Loss,
	LostStats,
	GreetingEntry,
	LabelSheet,
	Indicator,
	IndicatorId,
	CustomerIndicator,
	ValueOverview,
	ValueSettings,
	CustomerValue,
	ChartKind,
	ChartFormat,
	Quadrant,
	Abc,
	Phase,
	ValueGroup,
	AppStatus,
	Customer,
	CustomerId,
	CustomerInput,
	CustomerPage,
	ErrorCode,
	ErrorReport,
	Field,
	FieldMessage,
	Lang,
	LanguageChoice,
	ListCursor,
	TimelineCursor,
	TimelinePage,
	TimelineEntry,
	TransactionInput,
	InteractionInput,
	ContactId,
	ContactInput,
	Contact,
	CustomerDetails,
	CustomerFilter,
	Employee,
	EmployeeId,
	SavedFilter
};
export type {
	AddressForm,
	CustomerSort,
	CustomerStatus,
	FilterOptions,
	Labeled_Serialize as Labeled,
	PartialDate_Serialize as PartialDate,
	QuietTime,
	QuietTimeInput_Serialize as QuietTimeInput,
	RelationInput_Serialize as RelationInput,
	Salutation,
	UpcomingBirthday_Serialize as UpcomingBirthday
} from './bindings';
export type { ContactChannel, CustomerKind, CustomerSummary, Direction } from './bindings';
export type { TrashedCustomer } from './bindings';
export type {
	DuplicatePair,
	LookAlike,
	Merge_Serialize as Merge,
	MergeField,
	MergeId,
	MergeOutcome_Serialize as MergeOutcome,
	MergePreview_Serialize as MergePreview,
	Reason,
	ImportField,
	ImportOptions,
	ImportPreview_Serialize as ImportPreview,
	ImportProgress,
	ImportSummary,
	ExportFormat,
	RowProblem,
	RowDuplicate_Serialize as RowDuplicate,
	PurchaseImport
} from './bindings';

export class ApiError extends Error {
	readonly code: ErrorCode;
	readonly fields: FieldMessage[];

	constructor(report: ErrorReport) {
		super(report.message);
		this.name = 'ApiError';
		this.code = report.code;
		this.fields = report.fields;
	}
}

type Outcome<T> = { status: 'ok'; data: T } | { status: 'error'; error: ErrorReport | string };

async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
	const outcome = await call;
	if (outcome.status === 'ok') return outcome.data;
	const { error } = outcome;
	// Tauri itself rejects with a plain string (e.g. a command the window may not call).
	throw new ApiError(
		typeof error === 'string' ? { code: 'Internal', message: error, fields: [] } : error
	);
}

/** An empty form for a new customer. */
export function emptyCustomerInput(): CustomerInput {
	return {
		number: '',
		kind: 'person',
		firstName: '',
		lastName: '',
		firmName: '',
		street: '',
		postalCode: '',
		city: '',
		country: '',
		phone: '',
		email: '',
		salutation: 'none',
		title: '',
		otherPhones: [],
		otherEmails: [],
		industry: '',
		companySize: '',
		annualRevenue: '',
		customerSince: '',
		employeeId: null,
		tags: [],
		status: 'active',
		birthday: '',
		partnerName: '',
		partnerBirthday: '',
		relations: [],
		preferredChannels: [],
		quietTimes: [],
		peakMonths: [],
		addressForm: 'unknown',
		closeness: null,
		interests: [],
		preferences: [],
		notes: ''
	};
}

/** Every contact channel, in the order the forms offer them. */
export const CONTACT_CHANNELS: ContactChannel[] = [
	'phone',
	'visit',
	'email',
	'letter',
	'messenger',
	'social',
	'event',
	'other'
];

/** The whole list, in name order: no search, no filter. */
export function emptyFilter(): CustomerFilter {
	return {
		query: '',
		tag: '',
		city: '',
		employeeId: null,
		birthdayMonth: null,
		status: null,
		notVerified: false,
		quadrant: null,
		abc: null,
		phase: null,
		minScore: null,
		sort: 'name'
	};
}

export const api = {
	agenda: (limit: number) => unwrap(commands.careAgenda(limit)),
	agendaDone: (key: string) => unwrap(commands.careDone(key)),
	agendaSnooze: (key: string, until: string) => unwrap(commands.careSnooze(key, until)),
	agendaUnmark: (key: string) => unwrap(commands.careUnmark(key)),
	agendaLog: (key: string, input: InteractionInput) => unwrap(commands.careLog(key, input)),
	warnings: (limit: number) => unwrap(commands.careWarnings(limit)),
	resolveComplaint: (id: InteractionId) => unwrap(commands.complaintResolve(id)),
	careSettings: () => unwrap(commands.careSettingsGet()),
	saveCareSettings: (settings: CareSettings) => unwrap(commands.careSettingsSave(settings)),
	measures: () => unwrap(commands.measuresList()),
	saveMeasure: (id: MeasureId | null, input: MeasureInput) =>
		unwrap(commands.measureSave(id, input)),
	deleteMeasure: (id: MeasureId) => unwrap(commands.measureDelete(id)),
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
	loyaltySettings: () => unwrap(commands.loyaltySettings()),
	saveLoyaltySettings: (settings: ProgramSettings) =>
		unwrap(commands.loyaltySaveSettings(settings)),
	loyaltyAccount: (customer: CustomerId) => unwrap(commands.loyaltyAccount(customer)),
	loyaltyJoin: (customer: CustomerId) => unwrap(commands.loyaltyJoin(customer)),
	loyaltyRedeem: (customer: CustomerId, input: RedeemInput) =>
		unwrap(commands.loyaltyRedeem(customer, input)),
	loyaltyCorrect: (customer: CustomerId, input: CorrectionInput) =>
		unwrap(commands.loyaltyCorrect(customer, input)),
	loyaltyLookup: (text: string, limit: number) => unwrap(commands.loyaltyLookup(text, limit)),
	loyaltyCard: (customer: CustomerId) => unwrap(commands.loyaltyCard(customer)),
	rewards: () => unwrap(commands.rewardsList()),
	saveReward: (id: RewardId | null, input: RewardInput) => unwrap(commands.rewardsSave(id, input)),
	deleteReward: (id: RewardId) => unwrap(commands.rewardsDelete(id)),
	rewardForm: (id: RewardId) => unwrap(commands.rewardsForm(id)),
	coupons: (customer: CustomerId | null) => unwrap(commands.couponsList(customer)),
	issueCoupon: (input: CouponInput) => unwrap(commands.couponsIssue(input)),
	redeemCoupon: (code: string, customer: CustomerId | null, employee: EmployeeId | null) =>
		unwrap(commands.couponsRedeem(code, customer, employee)),
	loyaltyReport: (months: number) => unwrap(commands.loyaltyReport(months)),
	loyaltyChart: (months: number) => unwrap(commands.loyaltyChart(months)),
	cancelPurchase: (id: TransactionId) => unwrap(commands.transactionsCancel(id)),
	greetingList: (year: number, month: number) => unwrap(commands.greetingList(year, month)),
	saveGreetingList: (year: number, month: number) => unwrap(commands.greetingListSave(year, month)),
	labelSheet: () => unwrap(commands.labelSheetGet()),
	saveLabelSheet: (sheet: LabelSheet) => unwrap(commands.labelSheetSave(sheet)),
	valueOverview: () => unwrap(commands.valueOverview()),
	valueRefresh: () => unwrap(commands.valueRefresh()),
	valueChart: (chart: ChartKind) => unwrap(commands.valueChart(chart)),
	saveValueChart: (chart: ChartKind, format: ChartFormat) =>
		unwrap(commands.valueChartSave(chart, format)),
	valueSettings: () => unwrap(commands.valueSettingsGet()),
	saveValueSettings: (settings: ValueSettings) => unwrap(commands.valueSettingsSave(settings)),
	customerValue: (id: CustomerId) => unwrap(commands.customerValue(id)),
	setCustomerPotential: (id: CustomerId, amount: string) =>
		unwrap(commands.customerSetPotential(id, amount)),
	indicators: () => unwrap(commands.indicatorsList()),
	saveIndicator: (id: IndicatorId | null, name: string, weight: number) =>
		unwrap(commands.indicatorsSave(id, name, weight)),
	deleteIndicator: (id: IndicatorId) => unwrap(commands.indicatorsDelete(id)),
	customerIndicators: (id: CustomerId) => unwrap(commands.customerIndicators(id)),
	setCustomerIndicator: (id: CustomerId, indicator: IndicatorId, value: number | null) =>
		unwrap(commands.customerIndicatorSet(id, indicator, value)),
	appStatus: () => unwrap(commands.appStatus()),
	setLanguage: (language: LanguageChoice) => unwrap(commands.settingsSetLanguage(language)),
	listCustomers: (filter: CustomerFilter, after: ListCursor | null, limit: number) =>
		unwrap(commands.customersList(filter, after, limit)),
	filterOptions: () => unwrap(commands.customersFilterOptions()),
	savedFilters: () => unwrap(commands.savedFiltersList()),
	saveFilter: (name: string, filter: CustomerFilter) =>
		unwrap(commands.savedFiltersSave(name, filter)),
	deleteSavedFilter: (id: number) => unwrap(commands.savedFiltersDelete(id)),
	employees: () => unwrap(commands.employeesList()),
	createEmployee: (name: string) => unwrap(commands.employeesCreate(name)),
	updateEmployee: (id: EmployeeId, name: string, active: boolean) =>
		unwrap(commands.employeesUpdate(id, name, active)),
	getCustomer: (id: CustomerId) => unwrap(commands.customersGet(id)),
	createCustomer: (input: CustomerInput) => unwrap(commands.customersCreate(input)),
	updateCustomer: (id: CustomerId, input: CustomerInput) =>
		unwrap(commands.customersUpdate(id, input)),
	trashCustomer: (id: CustomerId) => unwrap(commands.customersTrash(id)),
	restoreCustomer: (id: CustomerId) => unwrap(commands.customersRestore(id)),
	trashedCustomers: (limit: number) => unwrap(commands.customersTrashed(limit)),
	customerDetails: (id: CustomerId) => unwrap(commands.customersDetails(id)),
	markVerified: (id: CustomerId) => unwrap(commands.customersMarkVerified(id)),
	timeline: (customer: CustomerId, after: TimelineCursor | null, limit: number) =>
		unwrap(commands.timelinePage(customer, after, limit)),
	addPurchase: (customer: CustomerId, input: TransactionInput) =>
		unwrap(commands.transactionsAdd(customer, input)),
	addInteraction: (customer: CustomerId, input: InteractionInput) =>
		unwrap(commands.interactionsAdd(customer, input)),
	loadDemo: () => unwrap(commands.demoLoad()),
	contacts: (customer: CustomerId) => unwrap(commands.contactsList(customer)),
	addContact: (customer: CustomerId, input: ContactInput) =>
		unwrap(commands.contactsAdd(customer, input)),
	updateContact: (id: ContactId, input: ContactInput) => unwrap(commands.contactsUpdate(id, input)),
	removeContact: (id: ContactId) => unwrap(commands.contactsRemove(id)),
	duplicates: (limit: number) => unwrap(commands.duplicatesFind(limit)),
	lookAlikes: (input: CustomerInput, editing: CustomerId | null) =>
		unwrap(commands.duplicatesSimilar(input, editing)),
	mergePreview: (survivor: CustomerId, merged: CustomerId) =>
		unwrap(commands.mergesPreview(survivor, merged)),
	merge: (survivor: CustomerId, merged: CustomerId, take: MergeField[]) =>
		unwrap(commands.customersMerge({ survivor, merged, take })),
	undoMerge: (id: MergeId) => unwrap(commands.mergesUndo(id)),
	/** The native open dialog; null when the user cancels. */
	chooseImportFile: () => unwrap(commands.importChooseFile()),
	importPreview: (path: string, mapping: (ImportField | null)[] | null) =>
		unwrap(commands.importPreview(path, mapping)),
	importCustomers: (
		path: string,
		mapping: (ImportField | null)[],
		options: ImportOptions,
		onProgress: (progress: ImportProgress) => void
	) => {
		const channel = new Channel<ImportProgress>();
		channel.onmessage = onProgress;
		return unwrap(commands.importCustomers(path, mapping, options, channel));
	},
	cancelImport: () => unwrap(commands.importCancel()),
	/** Checks (dryRun) or imports the purchases of a file; problems come back by line. */
	importPurchases: (path: string, dryRun: boolean) =>
		unwrap(commands.importPurchases(path, dryRun)),
	/** Exports the filtered list through the native save dialog; the path, or null. */
	exportCustomers: (filter: CustomerFilter, format: ExportFormat) =>
		unwrap(commands.exportCustomers(filter, format)),
	exportCustomerData: (id: CustomerId) => unwrap(commands.exportCustomerData(id)),
	surveys: () => unwrap(commands.surveysList()),
	survey: (id: number) => unwrap(commands.surveyGet(id)),
	saveSurvey: (id: number | null, template: SurveyDefinition) =>
		unwrap(commands.surveySave(id, template)),
	deleteSurvey: (id: number) => unwrap(commands.surveyDelete(id)),
	/** Results over the last `months` months (0: all). */
	surveyResults: (id: number, months: number) => unwrap(commands.surveyResults(id, months)),
	surveyChart: (id: number, months: number) => unwrap(commands.surveyChart(id, months)),
	surveyComments: (id: number, months: number) => unwrap(commands.surveyComments(id, months)),
	/** CSV through the native save dialog; the path, or null. */
	exportSurvey: (id: number, months: number) => unwrap(commands.surveyExport(id, months)),
	submitVisitFeedback: (
		template: number,
		customer: CustomerId,
		interaction: InteractionId | null,
		answers: Answer[]
	) => unwrap(commands.surveySubmitVisit(template, customer, interaction, answers)),
	kioskSettings: () => unwrap(commands.kioskSettingsGet()),
	saveKioskSettings: (input: KioskSettingsInput) => unwrap(commands.kioskSettingsSave(input)),
	/** Opens the full-screen kiosk window and hides this one. */
	startKiosk: (template: number, customer: CustomerId | null) =>
		unwrap(commands.kioskStart(template, customer)),
	/** Kiosk window only: the running survey. */
	kioskView: () => unwrap(commands.kioskView()),
	/** Kiosk window only: false when a partial response was dropped as set. */
	kioskSubmit: (answers: Answer[], complete: boolean) =>
		unwrap(commands.kioskSubmit(answers, complete)),
	/** Kiosk window only: ends the kiosk with the owner's PIN. */
	kioskExit: (pin: string) => unwrap(commands.kioskExit(pin)),
	complaints: (customer: CustomerId, all: boolean) =>
		unwrap(commands.complaintsList(customer, all)),
	updateComplaint: (id: InteractionId, input: ComplaintInput) =>
		unwrap(commands.complaintUpdate(id, input)),
	complaintFromResponse: (response: number, customer: CustomerId | null) =>
		unwrap(commands.complaintFromResponse(response, customer))
};

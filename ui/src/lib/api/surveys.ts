/** Surveys: templates, results, the kiosk, visit feedback, complaints. */
import { commands } from './bindings';
import { unwrap } from './call';
import type {
	Answer,
	ComplaintInput,
	CustomerId,
	InteractionId,
	KioskSettingsInput,
	SurveyDefinition
} from './types';

export const surveysApi = {
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

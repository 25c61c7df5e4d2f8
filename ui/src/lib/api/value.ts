/** Customer value: overview, analysis, charts, settings, the owner's estimates and criteria. */
import { commands } from './bindings';
import { unwrap } from './call';
import type { ChartKind, CustomerId, IndicatorId, ValueSettingsInput } from './types';

export const valueApi = {
	valueOverview: () => unwrap(commands.valueOverview()),
	valueRefresh: () => unwrap(commands.valueRefresh()),
	valueChart: (chart: ChartKind) => unwrap(commands.valueChart(chart)),
	/** The shop's revenue of the last 12 months against the year before. */
	shopRevenue: () => unwrap(commands.valueShopRevenue()),
	valueSettings: () => unwrap(commands.valueSettingsGet()),
	saveValueSettings: (settings: ValueSettingsInput) => unwrap(commands.valueSettingsSave(settings)),
	customerValue: (id: CustomerId) => unwrap(commands.customerValue(id)),
	/** The owner's estimate of a customer's further potential, as its field shows it. */
	customerPotentialInput: (id: CustomerId) => unwrap(commands.customerPotentialInput(id)),
	setCustomerPotential: (id: CustomerId, amount: string) =>
		unwrap(commands.customerSetPotential(id, amount)),
	indicators: () => unwrap(commands.indicatorsList()),
	saveIndicator: (id: IndicatorId | null, name: string, weight: string) =>
		unwrap(commands.indicatorsSave(id, name, weight)),
	deleteIndicator: (id: IndicatorId) => unwrap(commands.indicatorsDelete(id)),
	customerIndicators: (id: CustomerId) => unwrap(commands.customerIndicators(id)),
	setCustomerIndicator: (id: CustomerId, indicator: IndicatorId, value: number | null) =>
		unwrap(commands.customerIndicatorSet(id, indicator, value))
};

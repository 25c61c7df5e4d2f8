/** The loyalty program: accounts, redemption, rewards, coupons, report, settings. */
import { commands } from './bindings';
import { unwrap } from './call';
import type {
	CorrectionInput,
	CouponInput,
	CustomerId,
	EmployeeId,
	ProgramSettingsInput,
	RedeemInput,
	RewardId,
	RewardInput
} from './types';

export const loyaltyApi = {
	loyaltySettings: () => unwrap(commands.loyaltySettings()),
	saveLoyaltySettings: (settings: ProgramSettingsInput) =>
		unwrap(commands.loyaltySaveSettings(settings)),
	loyaltyAccount: (customer: CustomerId) => unwrap(commands.loyaltyAccount(customer)),
	/** What points as typed are worth as a discount, in cents (0 while no number). */
	loyaltyPointsWorth: (points: string) => unwrap(commands.loyaltyPointsWorth(points)),
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
	loyaltyChart: (months: number) => unwrap(commands.loyaltyChart(months))
};

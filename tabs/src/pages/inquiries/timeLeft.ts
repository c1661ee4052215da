/** The tab's name for the contract's time-left rule (one rule for the tab and the bot's cards). */
export { inquiryTimeLeft as timeLeft, type TimeLeftTone } from "@naravard/api/contracts";

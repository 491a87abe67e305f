/**
 * The ISO 4217 codes the runtime knows (USD, CHF, AUD, SGD …), read from Intl rather than kept by
 * hand: an amount's currency, an exchange rate and a credit limit must name one of them, so that a
 * typo (UDS) is refused instead of kept as a currency of its own.
 */
const CODES = new Set(Intl.supportedValuesOf('currency'));

export const isCurrencyCode = (code: string) => CODES.has(code);

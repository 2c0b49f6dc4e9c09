// Reading an amount of money as people type it: "1,500,000", "1 500 000", "Ksh 1,500,000",
// "1,500,000/=" (the Kenyan way of writing a whole amount) or plain "1500000.50".

/** The currency marks people put before or after an amount. */
const PREFIX = /^(?:kshs?|kes|shs?)\.?\s*/i
const SUFFIX = /\s*(?:\/=|\/-|(?:kshs?|kes|shs?)\.?)$/i
/** Thousands separators: comma, space, no-break and narrow no-break space, apostrophe. */
const SEPARATOR = /[,\s\u00a0\u202f']/
const GROUPED = /^\d{1,3}(?:[,\s\u00a0\u202f']\d{3})+(?:\.\d+)?$/
const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)$/

/**
 * The decimal string the API takes ("1500000", "1500000.50"), or null when the text is not
 * an amount. Separators are accepted only between groups of three digits, so "1,5" (a
 * decimal comma elsewhere in the world) is refused rather than read as fifteen.
 */
export function parseMoney(text: string): string | null {
  let rest = text.trim()
  let sign = ''
  if (rest.startsWith('-')) {
    sign = '-'
    rest = rest.slice(1).trim()
  }
  rest = rest.replace(PREFIX, '').replace(SUFFIX, '').trim()
  if (!sign && rest.startsWith('-')) {
    sign = '-'
    rest = rest.slice(1).trim()
  }
  if (!rest) return null
  if (SEPARATOR.test(rest)) {
    if (!GROUPED.test(rest)) return null
    rest = rest.replace(new RegExp(SEPARATOR.source, 'g'), '')
  } else if (!PLAIN.test(rest)) {
    return null
  }
  if (rest.startsWith('.')) rest = `0${rest}`
  if (rest.endsWith('.')) rest = rest.slice(0, -1)
  return sign + rest
}

/**
 * What a form sends for a money field: the parsed amount, or the text as typed when it is
 * not one, so that the server's message for the field says what is wrong with it.
 */
export function normalizeMoney(text: string): string {
  return parseMoney(text) ?? text.trim()
}

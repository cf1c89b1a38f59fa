// Feeds → entries → raw inputs, in three steps: bytes to text (decode.ts), text to entries of one
// shape whatever the format (parse.ts, dates.ts, html.ts), entries to article inputs, fetching the
// page of an entry that carries only a summary (entries.ts).
export { decodeXml } from './decode.ts';
export { parseFeedDate } from './dates.ts';
export { htmlToText } from './html.ts';
export { FeedError, parseFeedBytes, type FeedEntry, type FeedFormat, type ParsedFeed } from './parse.ts';
export { entryInputName, entryInputs, entryRecord, isSummaryOnly, type EntryInputOptions } from './entries.ts';

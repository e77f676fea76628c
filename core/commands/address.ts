/** `rebond address`: one address's status, periods, explanation and events. */
import type { Command } from 'commander';
import type { AddressReport } from '../contract';
import type { Lang } from '../model/lang';
import { ADDRESS_WORDS } from './address-words';
import { AT_HELP, DATASET_OPTION, DB_OPTION, parseInstant, parseLang, print, printJson, withWorkspaceOrDataset } from './shared';

export function register(program: Command): void {
  program
    .command('address')
    .description("an address's status, history and events, oldest first")
    .option(...DB_OPTION)
    .option(...DATASET_OPTION)
    .option('--at <instant>', `the status as of this ${AT_HELP}`)
    .option('--lang <lang>', 'fr | en (default: the workspace setting)')
    .option('--json', 'print one JSON object')
    .argument('<email>', 'the address (matched trimmed, case-insensitively)')
    .action(async (email: string, options: { db?: string; dataset?: string; at?: string; lang?: string; json?: boolean }) => {
      const at = parseInstant(options.at, '--at');
      const asked = parseLang(options.lang);
      const { report, lang } = await withWorkspaceOrDataset(options, async (engine) => ({
        report: await engine.address({ address: email, at, lang: asked }),
        // the words around the engine's sentences follow the language the engine answered in
        lang: asked ?? (await engine.getSettings({})).lang,
      }));
      if (options.json) {
        printJson({
          address: report.address,
          status: report.status,
          until: report.until,
          unsubscribed: report.unsubscribed,
          explanation: report.explanation,
          // the data ends before today and the status then was not today's
          dataEnd: report.dataEnd ?? null,
          atDataEnd: report.atDataEnd ?? null,
          typoSuggestion: report.typoSuggestion,
          disposable: report.disposable,
          periods: report.periods,
          // one entry per message, oldest first, each naming its evidence events (issue 16)
          answer: report.answer,
          messages: report.messages.map((m) => ({
            verdict: m.verdict,
            summary: m.summary,
            firstTime: m.firstTime,
            outcomeTime: m.outcomeTime,
            lateBySeconds: m.lateBySeconds,
            deferrals: m.deferrals,
            deferredBecause: m.deferredBecause,
            category: m.category,
            provider: m.provider,
            blockListCode: m.blockListCode,
            helpUrl: m.helpUrl,
            suppression: m.suppression,
            campaign: m.campaign,
            messageId: m.messageId,
            subject: m.subject,
            evidence: m.eventIndexes.map((i) => {
              const e = report.events[i];
              return { time: e.time, type: e.type, category: e.category, smtpCode: e.smtpCode, enhancedCode: e.enhancedCode, diagnostic: e.diagnostic, source: { file: e.source.file, line: e.source.line } };
            }),
          })),
          actions: report.actions,
          caveats: report.caveats,
          events: report.events.map((e) => ({
            time: e.time,
            type: e.type,
            category: e.category,
            smtpCode: e.smtpCode,
            enhancedCode: e.enhancedCode,
            diagnostic: e.diagnostic,
            countsAgainstAddress: e.countsAgainstAddress,
            messageId: e.messageId,
            campaign: e.campaign,
            subject: e.subject ?? null,
            source: { file: e.source.file, line: e.source.line },
          })),
        });
        return;
      }
      printReport(report, lang);
    });
}

function printReport(report: AddressReport, lang: Lang): void {
  const w = ADDRESS_WORDS[lang];
  const unsubscribed = report.unsubscribed ? w.unsubscribed : '';
  const then = report.atDataEnd;
  // as of the end of the data and as of today, when they differ (issue 17): the quarantine the ticket is about ran out since
  if (then) print(`${report.address} — ${w.status(then.status)}${w.until(then.until)}${w.atDataEnd(then.at)}${w.then}${w.status(report.status)}${w.until(report.until)}${w.today}${unsubscribed}`);
  else print(`${report.address} — ${w.status(report.status)}${w.until(report.until)}${unsubscribed}`);
  print(report.answer.headline);
  print(then ? then.explanation : report.explanation);
  if (then) print(report.explanation);
  if (report.typoSuggestion) print(w.didYouMean(report.typoSuggestion));
  if (report.periods.length > 0) {
    print();
    print(w.periods);
    for (const p of report.periods) print(`  ${w.status(p.status).padEnd(w.statusWidth)} ${p.start} → ${p.end ?? '…'}  (${p.rule})`);
  }
  if (report.messages.length > 0) {
    print();
    print(w.messages(report.messages.length));
    // the subject tells the agent which e-mail the ticket is about
    for (const m of report.messages) print(`  ${m.firstTime}  ${m.verdict.padEnd(20)} ${m.summary}${m.subject ? ` — “${m.subject}”` : ''}`);
  }
  if (report.actions.length > 0) {
    print();
    print(w.actions);
    for (const a of report.actions) print(`  - ${a.text}`);
  }
  print();
  print(w.events(report.events.length));
  for (const e of report.events) {
    const reply = [e.smtpCode, e.enhancedCode].filter((x) => x !== null).join(' ');
    const text = e.diagnostic ? ` ${reply ? reply + ' ' : ''}${e.diagnostic}` : reply ? ` ${reply}` : '';
    print(`  ${e.time}  ${e.type.padEnd(11)} ${(e.category ?? '').padEnd(18)}${text}  [${e.source.file}:${e.source.line}]`);
  }
}

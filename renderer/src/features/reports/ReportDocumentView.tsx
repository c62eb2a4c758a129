/**
 * A report as a printable document: letterhead (organisation, kind of document, TLP label,
 * EXERCISE marking), title, facts and numbered sections, framed by a running header and footer
 * that carry the label on every printed page.
 *
 * How the running header and footer repeat (report.css, `@media print`): they are
 * `position: fixed`, which Chromium paints on every page, and the document sits in a layout
 * table whose empty `<thead>`/`<tfoot>` rows Chromium also repeats on every page — they keep the
 * space the header and footer are painted into, so text never runs underneath them. On screen
 * the frame rows are hidden and the header and footer sit at the top and bottom of the sheet.
 */
import type { DocBlock, DocEntry, ReportDocument } from '../../../../shared/reports/document';

function tlpClass(tlp: string): string {
  return `report-tlp-${tlp.toLowerCase().replace('+', '-')}`;
}

function Entry({ entry }: { entry: DocEntry }) {
  return (
    <li className="report-entry">
      <p className="report-entry-head">
        <time dateTime={entry.datetime}>{entry.time}</time>
        <span className="report-entry-kind">{entry.kind}</span>
        {entry.author ? <span className="report-entry-author">{entry.author}</span> : null}
        {entry.tlp ? <span className="report-entry-tlp">TLP:{entry.tlp}</span> : null}
      </p>
      <p className="report-entry-text">{entry.text}</p>
      {entry.details.map((detail, i) => (
        <p key={i} className="report-entry-detail">
          {detail}
        </p>
      ))}
      {entry.note ? <p className="report-entry-note">{entry.note}</p> : null}
    </li>
  );
}

function Block({ block }: { block: DocBlock }) {
  switch (block.type) {
    case 'paragraph':
      return <p className="report-paragraph">{block.text}</p>;
    case 'note':
      return <p className="report-note">{block.text}</p>;
    case 'facts':
      return (
        <>
          {block.heading ? <h3>{block.heading}</h3> : null}
          <dl className="report-facts">
            {block.facts.map((fact, i) => (
              <div key={i}>
                <dt>{fact.label}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
        </>
      );
    case 'list':
      return (
        <>
          {block.heading ? <h3>{block.heading}</h3> : null}
          <ul className="report-list">
            {block.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </>
      );
    case 'entries':
      return (
        <>
          {block.heading ? <h3>{block.heading}</h3> : null}
          <ol className="report-entries">
            {block.entries.map((entry, i) => (
              <Entry key={i} entry={entry} />
            ))}
          </ol>
        </>
      );
    case 'table':
      return (
        <table className="report-table">
          {block.heading ? <caption>{block.heading}</caption> : null}
          <thead>
            <tr>
              {block.columns.map((column, i) => (
                <th key={i} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {block.columns.map((_, c) => (
                  <td key={c}>{row[c] ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

export function ReportDocumentView({ doc }: { doc: ReportDocument }) {
  const label = `TLP:${doc.tlp}`;
  return (
    <div className={`report-print${doc.exerciseMarking ? ' report-exercise' : ''}`} lang={doc.language} data-testid="report-document">
      <div className="report-running report-running-header" data-testid="report-running-header">
        <span className={`report-running-tlp ${tlpClass(doc.tlp)}`}>{label}</span>
        {doc.exerciseMarking ? <span className="report-running-marking">{doc.exerciseMarking}</span> : null}
        <span className="report-running-text">{doc.pageHeader}</span>
      </div>
      <table className="report-frame" role="presentation">
        <thead>
          <tr>
            <td>
              <div className="report-frame-top" />
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <article className="report-paper" aria-labelledby="report-title">
                <header className="report-letterhead">
                  <div className="report-letterhead-from">
                    <p className="report-organisation">{doc.organisation}</p>
                    <p className="report-doctype">{doc.documentType}</p>
                  </div>
                  <div className="report-letterhead-marks">
                    <p className={`report-tlp ${tlpClass(doc.tlp)}`}>{label}</p>
                    {doc.exerciseMarking ? <p className="report-exercise-marking">{doc.exerciseMarking}</p> : null}
                  </div>
                </header>
                <h1 id="report-title" className="report-title">
                  {doc.title}
                </h1>
                <p className="report-subtitle">{doc.subtitle}</p>
                <dl className="report-facts report-header-facts">
                  {doc.facts.map((fact, i) => (
                    <div key={i}>
                      <dt>{fact.label}</dt>
                      <dd>{fact.value}</dd>
                    </div>
                  ))}
                </dl>
                {doc.sections.map((section, index) => (
                  <section key={section.id} className={`report-section report-section-${section.id}`} aria-labelledby={`report-section-${section.id}`} data-testid={`report-section-${section.id}`}>
                    <h2 id={`report-section-${section.id}`}>
                      <span className="report-section-number">{index + 1}.</span> {section.title}
                    </h2>
                    {section.blocks.map((block, i) => (
                      <Block key={i} block={block} />
                    ))}
                  </section>
                ))}
              </article>
            </td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <td>
              <div className="report-frame-bottom" />
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="report-running report-running-footer" data-testid="report-running-footer">
        <span className={`report-running-tlp ${tlpClass(doc.tlp)}`}>{label}</span>
        {doc.exerciseMarking ? <span className="report-running-marking">{doc.exerciseMarking}</span> : null}
        <span className="report-running-text">{doc.pageFooter}</span>
      </div>
    </div>
  );
}

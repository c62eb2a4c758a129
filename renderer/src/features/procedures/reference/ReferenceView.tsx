/**
 * Reference pages of the blueprint from the content pack (guiding principles, definitions,
 * national structures, networks and actors, EU crisis mechanisms, the participation matrix), and
 * the table of every Annex II actor with its level, role and legal reference. Every block cites the
 * points it comes from, and each citation opens the Dutch source text beside the English digest.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackActor, ParticipationMatrix, ReferencePage } from '../../../../../shared/content/packSchema';
import type { Language } from '../../../../../shared/i18n/languages';
import { EmptyState } from '../../../components/EmptyState';
import { useFormatters } from '../../../i18n/format';
import { ACTORS, REFERENCE_PAGES, catalogueActor, pick } from '../catalogue';
import { Citation } from '../StepPanel';

function Citations({ citations }: { citations: readonly string[] }) {
  const { t } = useTranslation();
  if (citations.length === 0) return null;
  return (
    <div className="citations-list">
      <span className="source-label">{t('reference.sources')}</span>
      {citations.map((c) => (
        <Citation key={c} citation={c} />
      ))}
    </div>
  );
}

function ActorsTable({ actors, language }: { actors: readonly PackActor[]; language: Language }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table reference-actors">
        <caption className="visually-hidden">{t('reference.actorsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reference.column.actor')}</th>
            <th scope="col">{t('reference.column.level')}</th>
            <th scope="col">{t('reference.column.role')}</th>
            <th scope="col">{t('reference.column.legal')}</th>
            <th scope="col">{t('reference.column.points')}</th>
          </tr>
        </thead>
        <tbody>
          {actors.map((a) => (
            <tr key={a.id} id={`actor-${a.id}`}>
              <th scope="row">
                {pick(a.name, language)}
                <div className="small muted" lang="nl">
                  {a.sourceName}
                </div>
                <div className="small muted">
                  {t(`reference.scope.${a.scope}`)}
                  {a.annex.length ? ` · ${t('reference.annex', { where: a.annex.join(', ') })}` : ''}
                </div>
              </th>
              <td>
                <span className={`badge level-${a.level}`}>{t(`level.${a.level}`)}</span>
                {a.levelNote ? <div className="small muted">{pick(a.levelNote, language)}</div> : null}
              </td>
              <td>{pick(a.role, language)}</td>
              <td>{a.legalReferences.length ? a.legalReferences.map((r) => pick(r, language)).join('; ') : '—'}</td>
              <td className="small">
                <Citations citations={a.citations} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MatrixTable({ matrix, language }: { matrix: ParticipationMatrix; language: Language }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="matrix-caveat">{pick(matrix.caveat, language)}</p>
      <div className="table-scroll">
        <table className="data-table participation-matrix">
          <caption className="visually-hidden">{t('reference.matrixCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reference.column.actor')}</th>
              {matrix.phases.map((p) => (
                <th key={p.id} scope="col">
                  {pick(p.label, language)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => {
              const actor = catalogueActor(row.actor);
              return (
                <tr key={row.actor}>
                  <th scope="row">
                    {actor ? pick(actor.name, language) : row.actor}
                    {row.note ? <div className="small muted">{pick(row.note, language)}</div> : null}
                  </th>
                  {matrix.phases.map((p) => {
                    const on = row.phases.includes(p.id);
                    return (
                      <td key={p.id} className={on ? 'matrix-on' : 'matrix-off'}>
                        <span aria-hidden="true">{on ? '●' : ''}</span>
                        <span className="visually-hidden">{on ? t('reference.participates') : t('reference.doesNotParticipate')}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PackPage({ page, language, children }: { page: ReferencePage; language: Language; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="summary">{pick(page.summary, language)}</p>
      <Citations citations={page.citations} />
      {children}
      {page.matrix ? <MatrixTable matrix={page.matrix} language={language} /> : null}
      {page.blocks.map((block) => (
        <section key={block.id} className="reference-block" id={`block-${block.id}`} aria-labelledby={`block-${block.id}-title`}>
          <h3 id={`block-${block.id}-title`}>{pick(block.heading, language)}</h3>
          {pick(block.text, language)
            .split(/\n{2,}/)
            .map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          {block.actors.length ? (
            <p className="small">
              {t('reference.actorsInvolved')}{' '}
              {block.actors.map((id) => pick(catalogueActor(id)?.name, language) || id).join('; ')}
            </p>
          ) : null}
          <Citations citations={block.citations} />
        </section>
      ))}
    </>
  );
}

export function ReferenceView({ pageId }: { pageId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const page = REFERENCE_PAGES.find((p) => p.id === pageId);
  if (!page && pageId !== 'actors') return <EmptyState title={t('reference.notFoundTitle')}>{t('reference.notFoundText')}</EmptyState>;
  return (
    <article className="reference-page" aria-labelledby="reference-title">
      <header className="detail-header">
        <h2 id="reference-title">{page ? pick(page.title, f.language) : t('reference.actorsTitle')}</h2>
        <div className="record-meta">
          <span className="badge">{t('reference.badge')}</span>
        </div>
      </header>
      {page ? (
        <PackPage page={page} language={f.language}>
          {pageId === 'actors' ? <ActorsTable actors={ACTORS} language={f.language} /> : null}
        </PackPage>
      ) : (
        <ActorsTable actors={ACTORS} language={f.language} />
      )}
    </article>
  );
}

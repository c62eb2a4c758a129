import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  readonly error: Error | null;
  readonly copied: boolean;
}

/**
 * Last line of defence for a rendering error: the data is safe in the database, so offer a reload
 * and a diagnostic text (version and error only, never crisis content) to pass to support.
 */
export class TopErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null, copied: false };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failure', error, info.componentStack);
  }

  private diagnostics(): string {
    return `Crisis Workbook ${__APP_VERSION__}\n${this.state.error?.name ?? ''}: ${this.state.error?.message ?? ''}`;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <main className="startup-problem" role="alert">
            <h1>{t('startup.crashTitle')}</h1>
            <p>{t('startup.crashText')}</p>
            <pre className="diagnostics">{this.diagnostics()}</pre>
            <div className="button-row">
              <button type="button" className="button primary" onClick={() => window.location.reload()}>
                {t('startup.retry')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  void navigator.clipboard.writeText(this.diagnostics()).then(() => this.setState({ copied: true }));
                }}
              >
                {this.state.copied ? t('startup.copied') : t('startup.copyDiagnostics')}
              </button>
            </div>
          </main>
        )}
      </Translation>
    );
  }
}

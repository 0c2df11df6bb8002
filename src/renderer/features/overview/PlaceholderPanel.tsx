export function PlaceholderPanel({ title, message }: { title: string; message: string }) {
  return (
    <section className="panel" aria-label={title}>
      <header className="panel-header">
        <h2 className="panel-title">{title}</h2>
      </header>
      <div className="empty-state">
        <p>{message}</p>
      </div>
    </section>
  );
}

// Puts the sections of a partial bench run into bench/README.md in place of the old sections of the
// same titles (and their rows of the targets table), keeping every other section as the last run wrote it.

const titleOf = (section) => section.slice(3, section.indexOf('\n')).trim();

function sectionText(s) {
  return [`## ${s.title}`, '', s.issue ? `Issue #${s.issue}. Source: \`bench/${s.file}\`.` : `Source: \`bench/${s.file}\`.`, '', s.markdown.trim(), '', ''].join('\n');
}

export function mergeReadme(old, sections, files, when) {
  const parts = old.split(/^(?=## )/m);
  const preamble = parts[0];
  const targets = parts.find((p) => p.startsWith('## Targets\n')) ?? '## Targets\n\n| area | target | result | measured |\n| --- | --- | --- | --- |\n\n';
  const rest = parts.slice(1).filter((p) => p !== targets);
  const byTitle = new Map(sections.map((s) => [s.title, s]));
  const placed = new Set();
  const body = rest.map((part) => {
    const fresh = byTitle.get(titleOf(part));
    if (!fresh) return part;
    placed.add(fresh.title);
    return sectionText(fresh);
  });
  body.push(...sections.filter((s) => !placed.has(s.title)).map(sectionText));
  const newTitles = new Set(sections.map((s) => s.title));
  const lines = targets.split('\n');
  const header = lines.filter((l) => l.startsWith('| area') || l.startsWith('| ---'));
  const rows = lines.filter((l) => l.startsWith('| ') && !header.includes(l)).filter((row) => !newTitles.has(row.slice(2, row.indexOf(' | '))));
  const newRows = sections.flatMap((s) => s.targets.map((t) => `| ${s.title} | ${t.name} | ${t.met ? 'met' : '**not met**'} | ${t.detail} |`));
  const note = `Re-run alone since: ${files.map((f) => `\`bench/${f}\``).join(', ')} at ${when}.`;
  const head = preamble.replace(/\n*$/, '\n').replace(new RegExp(`^Re-run alone since: ${files.map((f) => `\`bench/${f.replace(/[.]/g, '\\.')}\``).join(', ')} at .*\\n`, 'm'), '');
  return [`${head}${note}\n`, '', '## Targets', '', ...header, ...rows, ...newRows, '', ...body].join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n');
}

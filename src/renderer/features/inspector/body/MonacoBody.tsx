import JsonViewer from '../../../monaco/JsonViewer';

interface MonacoBodyProps {
  value: string;
  language: 'json' | 'plaintext';
  label: string;
}

/** A body in read-only Monaco, filling the inspector's body pane (loaded lazily). */
export default function MonacoBody({ value, language, label }: MonacoBodyProps) {
  return <JsonViewer value={value} language={language} label={label} height="100%" className="ins-monaco" />;
}

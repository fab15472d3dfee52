import type { ReactNode } from 'react';

export interface TimelineItem {
  id: string;
  title: ReactNode;
  /** When it happened, already formatted for the reader. */
  time: string;
  /** The machine-readable instant, for the <time> element. */
  at: string;
  body?: ReactNode;
  photos?: { url: string; alt: string }[];
  files?: { url: string; name: string }[];
}

/** A job's activity: every step with its date and time, newest last. */
export function Timeline({ items }: { items: TimelineItem[] }) {
  return (
    <ol className="ui-timeline">
      {items.map((item) => (
        <li key={item.id} className="ui-timeline__item">
          <div className="ui-timeline__title">{item.title}</div>
          <time className="ui-timeline__time" dateTime={item.at}>
            {item.time}
          </time>
          {item.body && <div className="ui-timeline__body">{item.body}</div>}
          {item.photos && item.photos.length > 0 && (
            <div className="ui-timeline__photos">
              {item.photos.map((photo) => (
                <a key={photo.url} href={photo.url} target="_blank" rel="noreferrer">
                  <img src={photo.url} alt={photo.alt} loading="lazy" />
                </a>
              ))}
            </div>
          )}
          {item.files && item.files.length > 0 && (
            <ul className="small">
              {item.files.map((file) => (
                <li key={file.url}>
                  <a href={file.url} target="_blank" rel="noreferrer">
                    {file.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

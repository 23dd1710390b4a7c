import { useEffect, useState } from 'react';
import { imageSource, reportRefused } from '../core-api/widgetSafety';
import { useWidgetEnvironment } from './WidgetContext';

interface Props {
  /** The widget's image_url: absolute (CDN) or relative (`/images/{key}/...`). */
  src: string | undefined;
  alt: string;
  /** For reporting an image URL the contract forbids. */
  widgetId: string;
  className?: string;
}

/**
 * A widget's picture. Nothing when the widget names none (or names something that is not an http(s)
 * or relative URL, which is reported); a neutral placeholder when it does not load.
 */
export function SmartImage({ src, alt, widgetId, className = '' }: Props) {
  const { imageBaseUrl } = useWidgetEnvironment();
  const url = imageSource(src, imageBaseUrl);
  const refused = src !== undefined && src !== null && url === undefined;
  const [failedUrl, setFailedUrl] = useState<string>();
  useEffect(() => {
    if (refused) reportRefused(widgetId, 'image_url', src);
  }, [refused, widgetId, src]);

  if (!url) return null;
  if (failedUrl === url) {
    return (
      <div className={`img img--placeholder ${className}`} role="img" aria-label={alt} data-testid="image-placeholder">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2v8.6l3.3-3.3a1 1 0 0 1 1.4 0l2.3 2.3 4.3-4.3a1 1 0 0 1 1.4 0L19 11.6V7H5Zm4 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z" />
        </svg>
      </div>
    );
  }
  return <img className={`img ${className}`} src={url} alt={alt} loading="lazy" decoding="async" onError={() => setFailedUrl(url)} />;
}

import { useState } from 'react';

interface Props {
  src: string | undefined;
  alt: string;
  className?: string;
}

/** An image that falls back to a neutral placeholder when the URL is missing or does not load. */
export function SmartImage({ src, alt, className = '' }: Props) {
  const [failedSrc, setFailedSrc] = useState<string>();
  if (!src || failedSrc === src) {
    return (
      <div className={`img img--placeholder ${className}`} role="img" aria-label={alt} data-testid="image-placeholder">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2v8.6l3.3-3.3a1 1 0 0 1 1.4 0l2.3 2.3 4.3-4.3a1 1 0 0 1 1.4 0L19 11.6V7H5Zm4 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z" />
        </svg>
      </div>
    );
  }
  return <img className={`img ${className}`} src={src} alt={alt} loading="lazy" decoding="async" onError={() => setFailedSrc(src)} />;
}

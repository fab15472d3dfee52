/** A person's photo, or their initials on the brand colour when there is none. */
export function Avatar({ name, photoUrl, size = 48 }: { name: string; photoUrl?: string | null; size?: number }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
  return (
    <span className="ui-avatar" style={{ width: size, height: size, fontSize: size * 0.38 }}>
      {photoUrl ? <img src={photoUrl} alt="" /> : <span aria-hidden="true">{initials}</span>}
    </span>
  );
}

import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, CardHeader, EmptyState, Field, Skeleton, TextInput, useToast } from '../../../components/ui/index.js';
import type { Technician } from '../../../lib/api-types.js';
import { formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useTechnicians } from '../api/get-technicians.js';
import { useTerritories, type Territory } from '../api/get-territories.js';
import { useSaveTerritories, type TerritoryInput } from '../api/save-territories.js';

// Leaflet and Geoman load only when the territories are shown.
const TerritoryMap = lazy(() => import('./territory-map.js').then((m) => ({ default: m.TerritoryMap })));

const t = defineMessages({
  en: {
    title: 'Territories',
    hint: 'A technician with territories is offered only for addresses inside one of them; a technician without any serves everywhere. Choose each technician’s territories on their page under Technicians.',
    add: 'Add a territory',
    territoryLegend: 'Territory {number}',
    name: 'Name',
    postalCodes: 'Postal codes',
    postalCodesHint: 'Separate codes with commas or spaces. A code ending in * matches every code that starts with it: 787* covers 78701 to 78799.',
    zone: 'Drawn zone ({count} points)',
    zoneHint: 'Addresses inside the zone drawn on the map belong to this territory too.',
    servedBy: 'Served by {names}.',
    servedByNobody: 'No technician serves it yet.',
    remove: 'Remove',
    removeLabel: 'Remove territory {name}',
    unnamed: 'new territory',
    save: 'Save territories',
    saved: 'The territories are saved.',
    empty: 'No territories yet',
    emptyBody: 'Every technician serves every address.',
    emptyAdmin: 'Every technician serves every address. Add a territory to limit technicians to the areas they cover.',
    error: 'The territories could not be loaded. {message}',
    nameRequired: 'Name is required.',
    codesRequired: 'Postal codes are required (at least one).',
    fieldError: '{label} {message}',
    codeError: 'Postal code “{code}” {message}',
    columnName: 'Name',
    columnCodes: 'Postal codes',
    columnTechnicians: 'Technicians',
    noCodes: 'None',
    drawZone: 'Draw zone on the map',
    editZone: 'Edit zone on the map',
    removeZone: 'Remove zone',
    doneZone: 'Done',
    drawZoneLabel: 'Draw zone on the map: {name}',
    editZoneLabel: 'Edit zone on the map: {name}',
    removeZoneLabel: 'Remove zone: {name}',
    mapHint: 'Zones drawn on the map. Postal codes work without one; a zone adds every address inside it.',
    drawHint: 'Click on the map to place the corners of the zone of {name}; click the first corner to close it.',
    editHint: 'Drag a corner of the zone of {name} to move it, drag a midpoint to add a corner, right-click a corner to remove it. Then choose Done and save the territories.',
  },
});

interface Draft {
  key: string;
  id?: string;
  name: string;
  codes: string;
  polygon: number[][] | null;
  technicianIds: string[];
}

let nextKey = 1;
const toDraft = (territory: Territory): Draft => ({ key: territory.id, id: territory.id, name: territory.name, codes: territory.postalCodes.join(', '), polygon: territory.polygon, technicianIds: territory.technicianIds });
const splitCodes = (text: string) => text.split(/[\s,;]+/).map((code) => code.trim()).filter(Boolean);

/** The company's territories: admins edit the whole list and save it at once; dispatchers read it. */
export function TerritoriesSection({ canEdit }: { canEdit: boolean }) {
  const territories = useTerritories();
  const technicians = useTechnicians();
  const names = new Map((technicians.data?.items ?? []).map((tech) => [tech.id, tech.name]));
  return (
    <Card as="section" aria-labelledby="territories-title">
      <CardHeader title={<span id="territories-title">{t('title')}</span>} />
      <p className="small muted booking-settings__hint">{t('hint')}</p>
      {territories.isError ? (
        <Alert>{t('error', { message: territories.error.message })}</Alert>
      ) : territories.isPending ? (
        <Skeleton height={160} />
      ) : canEdit ? (
        <TerritoriesForm territories={territories.data.items} names={names} />
      ) : territories.data.items.length === 0 ? (
        <EmptyState title={t('empty')}>{t('emptyBody')}</EmptyState>
      ) : (
        <>
          <TerritoriesTable territories={territories.data.items} names={names} />
          {territories.data.items.some((x) => x.polygon) && (
            <Suspense fallback={<Skeleton height={360} />}>
              <TerritoryMap territories={territories.data.items.map((x) => ({ key: x.id, name: x.name, polygon: x.polygon }))} activeKey={null} landmarks={[]} onChange={() => {}} />
            </Suspense>
          )}
        </>
      )}
    </Card>
  );
}

function servedBy(technicianIds: string[], names: Map<string, Technician['name']>) {
  const known = technicianIds.map((id) => names.get(id)).filter(Boolean);
  return known.length === 0 ? t('servedByNobody') : t('servedBy', { names: known.join(', ') });
}

function TerritoriesTable({ territories, names }: { territories: Territory[]; names: Map<string, string> }) {
  return (
    <div className="ui-table-wrap">
      <table className="ui-table">
        <thead>
          <tr>
            <th scope="col">{t('columnName')}</th>
            <th scope="col">{t('columnCodes')}</th>
            <th scope="col">{t('columnTechnicians')}</th>
          </tr>
        </thead>
        <tbody>
          {territories.map((territory) => (
            <tr key={territory.id}>
              <th scope="row">{territory.name}</th>
              <td>
                {territory.postalCodes.length > 0 ? territory.postalCodes.join(', ') : <span className="muted">{t('noCodes')}</span>}
                {territory.polygon && (
                  <div>
                    <Badge tone="info">{t('zone', { count: territory.polygon.length })}</Badge>
                  </div>
                )}
              </td>
              <td>{servedBy(territory.technicianIds, names)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TerritoriesForm({ territories, names }: { territories: Territory[]; names: Map<string, string> }) {
  const toast = useToast();
  const save = useSaveTerritories();
  const [drafts, setDrafts] = useState<Draft[]>(() => territories.map(toDraft));
  const [checked, setChecked] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const technicians = useTechnicians();
  const landmarks = (technicians.data?.items ?? []).flatMap((tech) => (tech.homeBase.lat !== null && tech.homeBase.lng !== null ? [{ lat: tech.homeBase.lat, lng: tech.homeBase.lng, name: tech.name }] : []));
  const active = drafts.find((d) => d.key === activeKey);
  const apiFields = save.error ? formErrors(save.error).fields : {};
  const shown = Object.keys(apiFields).filter((field) => /^items\[\d+\]\.(name|postalCodes)/.test(field));
  const errors = formErrors(save.error, shown);

  const change = (key: string, patch: Partial<Draft>) => setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  const nameError = (draft: Draft, index: number) => {
    if (checked && !draft.name.trim()) return t('nameRequired');
    const message = errors.fields[`items[${index}].name`];
    return message ? t('fieldError', { label: t('name'), message }) : undefined;
  };
  const codesError = (draft: Draft, index: number) => {
    const codes = splitCodes(draft.codes);
    if (checked && codes.length === 0 && !draft.polygon) return t('codesRequired');
    const prefix = `items[${index}].postalCodes`;
    const field = Object.keys(errors.fields).find((f) => f.startsWith(prefix));
    if (!field) return undefined;
    const position = /^\[(\d+)\]/.exec(field.slice(prefix.length));
    const message = errors.fields[field]!;
    return position ? t('codeError', { code: codes[Number(position[1])] ?? '', message }) : t('fieldError', { label: t('postalCodes'), message });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (drafts.some((d) => !d.name.trim() || (splitCodes(d.codes).length === 0 && !d.polygon))) return;
    // No polygon is left out rather than sent as null: the server's validator (coerceTypes: 'array')
    // turns null into [null] and refuses it. Left out, the territory has no polygon either way.
    const items: TerritoryInput[] = drafts.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      name: d.name.trim(),
      postalCodes: splitCodes(d.codes),
      ...(d.polygon ? { polygon: d.polygon as TerritoryInput['polygon'] } : {}),
    }));
    save.mutate(items, {
      onSuccess: (saved) => {
        setDrafts(saved.items.map(toDraft));
        setActiveKey(null);
        setChecked(false);
        toast.show(t('saved'));
      },
    });
  };

  return (
    <form className="booking-settings__form" onSubmit={submit} noValidate aria-labelledby="territories-title">
      {errors.message && <Alert>{errors.message}</Alert>}
      {/* The map appears once a zone exists or is being drawn: companies that only use postal codes never load it. */}
      {(active || drafts.some((d) => d.polygon)) && (
        <div className="booking-settings__map-block">
          <p className="small muted" aria-live="polite">
            {active ? t(active.polygon ? 'editHint' : 'drawHint', { name: active.name.trim() || t('unnamed') }) : t('mapHint')}
          </p>
          <Suspense fallback={<Skeleton height={360} />}>
            <TerritoryMap territories={drafts.map((d) => ({ key: d.key, name: d.name, polygon: d.polygon }))} activeKey={activeKey} landmarks={landmarks} onChange={(key, polygon) => change(key, { polygon })} />
          </Suspense>
        </div>
      )}
      {drafts.length === 0 ? (
        <p className="muted">{t('emptyAdmin')}</p>
      ) : (
        <ol className="booking-settings__territories">
          {drafts.map((draft, index) => (
            <li key={draft.key}>
              <fieldset className="booking-settings__territory">
                <legend className="visually-hidden">{t('territoryLegend', { number: index + 1 })}</legend>
                <div className="booking-settings__territory-fields">
                  <Field label={t('name')} error={nameError(draft, index)}>
                    <TextInput maxLength={100} value={draft.name} onChange={(e) => change(draft.key, { name: e.target.value })} />
                  </Field>
                  <Field label={t('postalCodes')} hint={t('postalCodesHint')} error={codesError(draft, index)}>
                    <TextInput value={draft.codes} placeholder="60607, 606*" onChange={(e) => change(draft.key, { codes: e.target.value })} />
                  </Field>
                </div>
                <div className="booking-settings__territory-footer">
                  <div className="small muted">
                    {draft.polygon && (
                      <p>
                        <Badge tone="info">{t('zone', { count: draft.polygon.length })}</Badge> {t('zoneHint')}
                      </p>
                    )}
                    {draft.id && <p>{servedBy(draft.technicianIds, names)}</p>}
                  </div>
                  <div className="booking-settings__territory-actions">
                    {activeKey === draft.key ? (
                      <Button size="small" onClick={() => setActiveKey(null)}>
                        {t('doneZone')}
                      </Button>
                    ) : (
                      <Button
                        variant="secondary"
                        size="small"
                        aria-label={t(draft.polygon ? 'editZoneLabel' : 'drawZoneLabel', { name: draft.name.trim() || t('unnamed') })}
                        onClick={() => setActiveKey(draft.key)}
                      >
                        {t(draft.polygon ? 'editZone' : 'drawZone')}
                      </Button>
                    )}
                    {draft.polygon && (
                      <Button
                        variant="ghost"
                        size="small"
                        aria-label={t('removeZoneLabel', { name: draft.name.trim() || t('unnamed') })}
                        onClick={() => {
                          change(draft.key, { polygon: null });
                          if (activeKey === draft.key) setActiveKey(null);
                        }}
                      >
                        {t('removeZone')}
                      </Button>
                    )}
                    <Button
                      variant="ghost"
                      size="small"
                      aria-label={t('removeLabel', { name: draft.name.trim() || t('unnamed') })}
                      onClick={() => {
                        setDrafts((all) => all.filter((d) => d.key !== draft.key));
                        if (activeKey === draft.key) setActiveKey(null);
                      }}
                    >
                      {t('remove')}
                    </Button>
                  </div>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      <div className="row">
        <Button variant="secondary" onClick={() => setDrafts((all) => [...all, { key: `new-${nextKey++}`, name: '', codes: '', polygon: null, technicianIds: [] }])}>
          {t('add')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </div>
    </form>
  );
}

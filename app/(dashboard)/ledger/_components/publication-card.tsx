import { formatDateTime } from "@/components/format/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import type { TCheckpointListing } from "@/lib/ledger/tlog-publication";
import { AddWitnessForm, PublicationToggle, RemoveWitnessButton } from "./publication-controls";
import { formatCount } from "./verification-format";

type TPublication = {
  publicTiles: boolean;
  witnesses: { id: string; name: string; verifierKey: string; addedAt: string; cosignatures: number }[];
};

const code = "font-mono text-xs";

/** How third parties read and vouch for the tree: tlog-tiles, who may read them, witnesses and their cosignatures. */
export function PublicationCard({
  publication,
  checkpoints,
  canManage,
}: {
  publication: TPublication;
  checkpoints: TCheckpointListing["checkpoints"];
  canManage: boolean;
}) {
  return (
    <Card className="mt-5">
      <CardHeader
        title="Transparency log for third parties"
        description="The tree as C2SP tlog-tiles, so standard transparency-log clients and witnesses can follow it, and the witnesses' cosignatures on its checkpoints."
        actions={
          publication.publicTiles ? (
            <Badge tone="warning">Checkpoint and tiles public</Badge>
          ) : (
            <Badge tone="neutral">Checkpoint and tiles need ledger.read</Badge>
          )
        }
      />
      <div className="grid gap-5 px-4 py-3 text-sm text-slate-700 lg:grid-cols-2">
        <div className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Paths (prefix /api/v1/ledger/tlog)</h3>
          <ul className="space-y-1">
            <li>
              <code className={code}>checkpoint</code>: the latest signed checkpoint with its cosignatures
            </li>
            <li>
              <code className={code}>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</code>: hash tiles (height 8); full tiles never change and are
              cached for a year
            </li>
            <li>
              <code className={code}>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</code>: entry bundles (the canonical bytes), always behind
              ledger.read
            </li>
            <li>
              <code className={code}>/api/v1/ledger/checkpoints</code>: every signed checkpoint, newest first
            </li>
            <li>
              <code className={code}>POST /api/v1/ledger/cosignatures</code>: a witness sends a checkpoint it cosigned
            </li>
          </ul>
          {canManage ? <PublicationToggle publicTiles={publication.publicTiles} /> : null}
        </div>
        <div className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Witnesses</h3>
          <Table>
            <TableHead columns={["Witness", { label: "Cosignatures", align: "right" }, canManage && { label: "Actions", srOnly: true }]} />
            <tbody>
              {publication.witnesses.length === 0 ? (
                <EmptyRow colSpan={canManage ? 3 : 2}>
                  No witness yet. A witness checks that each checkpoint extends the ones before it and cosigns it, so the log cannot show
                  different histories to different readers.
                </EmptyRow>
              ) : (
                publication.witnesses.map((witness) => (
                  <tr key={witness.id}>
                    <Td>
                      <span className="font-medium text-slate-900">{witness.name}</span>
                      <span className="block max-w-64 truncate font-mono text-xs text-slate-500" title={witness.verifierKey}>
                        {witness.verifierKey}
                      </span>
                      <span className="block text-xs text-slate-500">added {formatDateTime(new Date(witness.addedAt))}</span>
                    </Td>
                    <Td className="text-right tabular-nums">{formatCount(witness.cosignatures)}</Td>
                    {canManage ? (
                      <Td className="text-right">
                        <RemoveWitnessButton witnessId={witness.id} name={witness.name} />
                      </Td>
                    ) : null}
                  </tr>
                ))
              )}
            </tbody>
          </Table>
          {canManage ? <AddWitnessForm /> : null}
        </div>
      </div>
      <div className="px-4 pb-4">
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Recent checkpoints</h3>
        <Table>
          <TableHead columns={["Checkpoint", { label: "Tree size", align: "right" }, "Root hash", "Signed", "Cosigned by"]} />
          <tbody>
            {checkpoints.length === 0 ? (
              <EmptyRow colSpan={5}>No checkpoint has been signed yet.</EmptyRow>
            ) : (
              checkpoints.map((checkpoint) => (
                <tr key={checkpoint.id}>
                  <Td className="tabular-nums">#{checkpoint.id}</Td>
                  <Td className="text-right tabular-nums">{formatCount(Number(checkpoint.size))}</Td>
                  <Td>
                    <span className="font-mono text-xs" title={checkpoint.rootHash}>
                      {checkpoint.rootHash.slice(0, 16)}…
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap">{formatDateTime(new Date(checkpoint.signedAt))}</Td>
                  <Td>
                    {checkpoint.cosignatures.length === 0 ? (
                      <span className="text-slate-400">no witness</span>
                    ) : (
                      checkpoint.cosignatures.map((cosignature) => (
                        <span key={cosignature.witness} className="mr-2 inline-block" title={`cosigned ${cosignature.cosignedAt}`}>
                          <Badge tone="success">{cosignature.witness}</Badge>
                        </span>
                      ))
                    )}
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </div>
    </Card>
  );
}

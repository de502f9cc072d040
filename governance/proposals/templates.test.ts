// The registry the CLI and the web app share: every template's actions read back into the same template and
// arguments (template -> calldata -> decoded), and actions no template builds are not passed off as one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Deployment } from "@flyaimusic/bindings";
import { ARG_TYPES } from "@flyaimusic/kit/units.ts";
import { getAddress, hexlify, randomBytes } from "ethers";
import { type Action, decodeActions, parseTemplateValues, type TemplateValues, templates } from "./templates.ts";

const address = () => getAddress(hexlify(randomBytes(20)));
const NAMES = [
  "FlyGovernor",
  "FlyTimelock",
  "MintToken",
  "Marketplace",
  "DutchAuction",
  "PoolFactory",
  "MusicNFTAdapter",
  "MintOFTAdapter",
];
const deployment = {
  chainId: 31337,
  network: "test",
  deployer: address(),
  deployedAt: "2026-12-07T00:00:00Z",
  contracts: Object.fromEntries(NAMES.map((name) => [name, { address: address(), blockNumber: 1 }])),
  treasury: address(),
  parameters: {},
} as unknown as Deployment;

/** Arguments as a person types them, per template; several per template where the values take different shapes. */
const EXAMPLES: Record<string, Record<string, string>[]> = {
  "set-voting-delay": [{ seconds: "2h" }, { seconds: "0" }],
  "set-voting-period": [{ seconds: "5d" }],
  "set-proposal-threshold": [{ mint: "250000" }, { mint: "1.5" }],
  "set-quorum": [{ percent: "4" }, { percent: "100%" }],
  "set-late-quorum-extension": [{ seconds: "1d" }],
  "set-timelock-delay": [{ seconds: "2d" }],
  "grant-emissions": [
    { minter: address().toLowerCase(), mint: "1000000" },
    { minter: address(), mint: "0" },
  ],
  "treasury-transfer-mint": [{ to: address(), mint: "12.25" }],
  "treasury-transfer-eth": [{ to: address(), eth: "0.5" }],
  "set-fee": [
    { fee: "marketplace", bps: "250" },
    { fee: "auction", bps: "0" },
    { fee: "pool", bps: "30" },
  ],
  "set-bridge-peer": [
    { contract: "MusicNFTAdapter", eid: "30110", peer: address() },
    { contract: "MintOFTAdapter", eid: "40161", peer: hexlify(randomBytes(32)) },
  ],
};

describe("proposal templates", () => {
  it("has an example for every registered template", () => {
    assert.deepEqual(
      templates()
        .map((t) => t.name)
        .sort(),
      Object.keys(EXAMPLES).sort(),
    );
  });

  for (const template of templates()) {
    it(`${template.name}: template -> calldata -> the same template and arguments`, () => {
      for (const example of EXAMPLES[template.name] ?? []) {
        const values = parseTemplateValues(template, new Map(Object.entries(example)));
        const actions = template.build(deployment, values);
        const decoded = decodeActions(deployment, actions);
        assert.ok(decoded, `${template.name} ${JSON.stringify(example)}: not decoded`);
        assert.equal(decoded.template.name, template.name);
        assert.deepEqual(decoded.values, values);
        // what a person reads back is what they typed, in the units they typed it
        for (const arg of template.args) {
          assert.equal(ARG_TYPES[arg.type].show(decoded.values[arg.name]), ARG_TYPES[arg.type].show(values[arg.name]));
        }
      }
    });
  }

  it("does not pass off actions no template builds as one", () => {
    const setDelay = templates().find((t) => t.name === "set-voting-delay")!;
    const [action] = setDelay.build(deployment, { seconds: 60n } as TemplateValues);
    const elsewhere: Action = { ...action, target: address() };
    const withValue: Action = { ...action, value: 1n };
    const twice: Action[] = [action, action];
    const unknownCall: Action = { target: deployment.contracts.FlyGovernor.address, value: 0n, data: "0xdeadbeef" };
    const emptyTransfer: Action = { target: address(), value: 0n, data: "0x" };
    for (const actions of [[elsewhere], [withValue], twice, [unknownCall], [emptyTransfer], []]) {
      assert.equal(
        decodeActions(deployment, actions),
        undefined,
        JSON.stringify(actions, (_k, v) => String(v)),
      );
    }
    // a fee setter called on a contract that is not the fee's own is no set-fee proposal
    const setFee = templates().find((t) => t.name === "set-fee")!;
    const [fee] = setFee.build(deployment, { fee: "pool", bps: 30n });
    assert.equal(decodeActions(deployment, [{ ...fee, target: deployment.contracts.Marketplace.address }]), undefined);
  });
});

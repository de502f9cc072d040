// scratch: receipt.gasUsed of market.buy (deleted after use)
import { network } from "hardhat";
import { parseEther, ZeroAddress, sha256, toUtf8Bytes, id } from "ethers";

const connection = await network.create();
const { ethers } = connection;
const [deployer, creator, buyer1, buyer2, buyer3, curatorA, holder] = await ethers.getSigners();
const g = async (tx: any) => Number((await (await tx).wait()).gasUsed);
const token: any = await ethers.deployContract("MintToken", [deployer.address, parseEther("1000000000"), [deployer.address], [parseEther("1000")]]);
const nonce = await ethers.provider.getTransactionCount(deployer.address);
const predicted = ethers.getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
const tiers = [
  { enabled: true, feeToken: ZeroAddress, mintFee: parseEther("0.002"), royaltyBps: 500, maxCoAuthors: 4, flags: 0 },
];
const music: any = await ethers.deployContract("MusicNFT", [deployer.address, deployer.address, predicted, parseEther("1000000"), [0], tiers]);
const splitter: any = await ethers.deployContract("RoyaltySplitter", [deployer.address, await music.getAddress(), deployer.address, { creatorsBps: 7000, curatorBps: 1500, collectorBps: 1000, platformBps: 500 }, 3000]);
const market: any = await ethers.deployContract("Marketplace", [deployer.address, await music.getAddress(), await splitter.getAddress(), await token.getAddress(), deployer.address, 250]);
await (await splitter.setSaleRecorder(await market.getAddress(), true)).wait();
const mAddr = await market.getAddress();
const req = (audio: string, to: string) => ({ contentHash: sha256(toUtf8Bytes(audio)), metadataDigest: id(audio), metadataCodec: 0x70, tier: 0, licenseId: 1, to, coAuthors: [] });
const far = (await ethers.provider.getBlock("latest"))!.timestamp + 100000;
async function mint(who: any, audio: string) { await (await music.connect(who).mint(req(audio, who.address), { value: parseEther("0.002") })).wait(); return BigInt(sha256(toUtf8Bytes(audio))); }
// warm-up: one full sale cycle on another track so fees / platform are non-zero
const w = await mint(creator, "warm");
await (await music.connect(creator).setApprovalForAll(mAddr, true)).wait();
await (await market.connect(creator).list(w, ZeroAddress, parseEther("1"), far)).wait();
await (await market.connect(buyer3).buy(w, parseEther("1"), curatorA.address, { value: parseEther("1") })).wait();

const t = await mint(creator, "track");
console.log("list (approvalForAll)", await g(market.connect(creator).list(t, ZeroAddress, parseEther("1"), far)));
console.log("buy first sale, new holder, referrer", await g(market.connect(buyer1).buy(t, parseEther("1"), curatorA.address, { value: parseEther("1") })));
await (await music.connect(buyer1).approve(mAddr, t)).wait();
console.log("list (approve)", await g(market.connect(buyer1).list(t, ZeroAddress, parseEther("2"), far)));
console.log("buy resale ETH, new holder", await g(market.connect(buyer2).buy(t, parseEther("2"), ZeroAddress, { value: parseEther("2") })));
await (await music.connect(buyer2).setApprovalForAll(mAddr, true)).wait();
await (await market.connect(buyer2).list(t, ZeroAddress, parseEther("3"), far)).wait();
await mint(holder, "held");
console.log("buy resale ETH, existing holder (approvalForAll)", await g(market.connect(holder).buy(t, parseEther("3"), ZeroAddress, { value: parseEther("3") })));
await (await music.connect(holder).approve(mAddr, t)).wait();
await (await market.connect(holder).list(t, ZeroAddress, parseEther("3"), far)).wait();
console.log("buy resale ETH, holder of 1 via approve -> buyer1 (balance 0 now?)", await music.balanceOf(buyer1.address), await g(market.connect(buyer1).buy(t, parseEther("3"), ZeroAddress, { value: parseEther("3") })));
await (await music.connect(buyer1).approve(mAddr, t)).wait();
await (await market.connect(buyer1).list(t, ZeroAddress, parseEther("3"), far)).wait();
await mint(buyer2, "held2");
await (await music.connect(buyer1).approve(mAddr, t)).wait();
await (await market.connect(buyer1).list(t, ZeroAddress, parseEther("3"), far)).wait();
console.log("buy resale ETH, existing holder, per-token approval", await g(market.connect(buyer2).buy(t, parseEther("3"), ZeroAddress, { value: parseEther("3") })));
await (await music.connect(buyer2).approve(mAddr, t)).wait();
await (await market.connect(buyer2).list(t, ZeroAddress, parseEther("3"), far)).wait();
await (await market.connect(buyer1).buy(t, parseEther("3"), ZeroAddress, { value: parseEther("3") })).wait();
const tx = await market.connect(buyer2).buy(t, parseEther("3"), ZeroAddress, { value: parseEther("3") });
const rc = await tx.wait();
console.log("traced buy", rc.gasUsed);
const trace: any = await ethers.provider.send("debug_traceTransaction", [tx.hash, {}]);
const logs = trace.structLogs;
const byOp: Record<string, number> = {};
let calls: string[] = [];
for (let i = 0; i < logs.length; i++) {
  const l = logs[i];
  const key = l.op;
  if (["CALL", "STATICCALL", "DELEGATECALL"].includes(l.op)) {
    // cost of the call opcode itself = gas before - gas at next step in the callee
    const next = logs[i + 1];
    const cost = next && next.depth === l.depth + 1 ? l.gas - next.gas : l.gasCost;
    byOp[key + "@" + l.depth] = (byOp[key + "@" + l.depth] ?? 0) + cost;
    calls.push(`${l.depth} ${l.op} cost ${cost} gasBefore ${l.gas}`);
    continue;
  }
  byOp[key] = (byOp[key] ?? 0) + l.gasCost;
}
const total = Object.entries(byOp).sort((a, b) => b[1] - a[1]).slice(0, 20);
console.log(total);
console.log(calls.join("\n"));
// SSTORE / SLOAD listing by depth

let d1 = 0; const d1ops: Record<string, number> = {};
for (let i = 0; i < logs.length; i++) { const l = logs[i]; if (l.depth !== 1) continue; const next = logs[i+1];
  const c = ["CALL","STATICCALL"].includes(l.op) ? (next && next.depth === 2 ? l.gas - next.gas : 0) : l.gasCost; d1 += c; d1ops[l.op] = (d1ops[l.op] ?? 0) + c; }
console.log("depth1 self gas", d1, Object.entries(d1ops).sort((a,b)=>b[1]-a[1]).slice(0,12));
// gas used inside each depth-1 call (callee)
for (let i = 0; i < logs.length; i++) { const l = logs[i]; if (l.depth === 1 && ["CALL","STATICCALL"].includes(l.op) && logs[i+1]?.depth === 2) { let j = i+1; while (logs[j].depth > 1) j++; console.log(l.op, "callee used", logs[i+1].gas - logs[j].gas + 0, "overhead", l.gas - logs[i+1].gas); } }
console.log("exec first gas", logs[0].gas, "last", logs[logs.length - 1].gas);

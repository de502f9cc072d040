// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IRoyaltySplitter} from "../../contracts/interfaces/IRoyaltySplitter.sol";

/// @notice An ERC-20 whose `transferFrom` deposits into the splitter again before it moves the tokens: without a
/// guard, the inner deposit's tokens would also show up in the outer deposit's balance difference and be credited
/// twice (the balance-difference trick that fee-on-transfer support opens).
contract ReentrantDepositToken is ERC20 {
    IRoyaltySplitter public splitter;
    uint256 public tokenId;
    bool public armed;

    constructor() ERC20("Reentrant Deposit", "RDT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(IRoyaltySplitter splitter_, uint256 tokenId_) external {
        (splitter, tokenId, armed) = (splitter_, tokenId_, true);
        _approve(address(this), address(splitter_), type(uint256).max);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (armed) {
            armed = false;
            // the token itself deposits what it holds, inside the outer deposit's pull
            splitter.depositToken(tokenId, address(this), balanceOf(address(this)));
        }
        return super.transferFrom(from, to, value);
    }
}
